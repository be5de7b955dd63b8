package dev.dapple.incident;

import static dev.dapple.incident.IncidentRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.leader.MutableClock;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.maintenance.TestCalendar;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunWriter;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on a real database ({@link H2IncidentEvaluatorTest}, {@link PostgresIncidentEvaluatorTest}): runs are
 * written with a {@link MutableClock} as their receive time, a pass runs after each, as the leader would.
 */
abstract class IncidentEvaluatorContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final String EU = "eu-west";

    @Inject
    DataSource dataSource;
    @Inject
    RunRecords records;
    @Inject
    RunReader reader;
    @Inject
    IncidentStore store;
    @Inject
    StateChanges changes;
    @Inject
    Incidents incidents;
    @Inject
    JsonMapper json;

    MutableClock clock;
    RunWriter writer;
    long changesBefore;
    static final Journey CHECKOUT = IncidentRuns.journey("checkout", """
            slo:
              availability: 99%
              recovery: 3m
            alert:
              after: 2
            """);

    // Reset before each test: the PostgreSQL test class keeps one instance for all its tests.
    List<Journey> journeys;
    TestCalendar calendar;

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("runs", "incidents", "incident_trackers")) {
                statement.execute("DELETE FROM " + table);
            }
            statement.execute("UPDATE incident_progress SET position = NULL");
        }
        journeys = List.of(CHECKOUT);
        calendar = new TestCalendar();
        clock = new MutableClock(T0);
        writer = new RunWriter(dataSource, records, clock);
        List<StateChanges.Recorded> all = changes.after(0, Integer.MAX_VALUE);
        changesBefore = all.isEmpty() ? 0 : all.getLast().id();
    }

    /** A fresh evaluator, as after a restart or on another leader: it knows only what the database has. */
    IncidentEvaluator evaluator() {
        return new IncidentEvaluator(store, reader, changes, calendar, () -> journeys, clock);
    }

    /** At {@code minute} past T0 plus 5 s: the run planned at that minute arrives, then a pass. */
    IncidentEvaluator.Pass minute(IncidentEvaluator evaluator, int minute, Outcome outcome) throws SQLException {
        setTo(T0.plusSeconds(60L * minute + 5));
        writer.write(List.of(run("checkout", EU, T0.plusSeconds(60L * minute), outcome)));
        return evaluator.pass(clock.instant());
    }

    void setTo(Instant now) {
        clock.advance(Duration.between(clock.instant(), now));
    }

    List<StateChange> emitted() throws SQLException {
        return changes.after(changesBefore, 100).stream().map(StateChanges.Recorded::change).toList();
    }

    @Test
    void opensOnceAndResolvesOnceAcrossRestarts() throws SQLException {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.UP);
        minute(evaluator, 1, Outcome.DOWN);
        assertEquals(List.of(), emitted(), "one failed run is not an incident");
        assertEquals(1, minute(evaluator, 2, Outcome.DOWN).opened());
        long id = incidents.list(null, "checkout", 10).getFirst().id();
        assertEquals(List.of(new StateChange.IncidentOpened("checkout", id, T0.plusSeconds(60), List.of(EU),
                List.of(IncidentRuns.LOGIN_TIMEOUT), false)), emitted(), "backdated to the first failed run");

        evaluator = evaluator(); // a restart
        assertEquals(0, evaluator.pass(clock.instant()).opened());
        minute(evaluator, 3, Outcome.DOWN);
        minute(evaluator, 4, Outcome.DOWN);
        assertEquals(1, minute(evaluator, 5, Outcome.UP).resolved());
        assertEquals(2, emitted().size());
        assertEquals(new StateChange.IncidentResolved("checkout", id, T0.plusSeconds(300), Duration.ofMinutes(4),
                true, false), emitted().get(1), "4 minutes breach a 3 minute objective");

        Incident incident = incidents.byId(id).orElseThrow();
        assertEquals(new Incident(id, "checkout", T0.plusSeconds(60), T0.plusSeconds(300), List.of(EU),
                List.of(IncidentRuns.LOGIN_TIMEOUT), false, false, 4, true, null, null, T0.plusSeconds(125),
                T0.plusSeconds(305)), incident);

        // Everything read again from the start by a new evaluator (lost progress) changes nothing.
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE incident_progress SET position = NULL");
        }
        evaluator = evaluator();
        clock.advance(Duration.ofMinutes(1));
        IncidentEvaluator.Pass again = evaluator.pass(clock.instant());
        assertEquals(6, again.runs(), "every run was read again");
        assertEquals(2, emitted().size(), "and none was processed twice");
        assertEquals(List.of(incident), incidents.list(null, null, 10));
    }

    @Test
    void aRunCommittedAfterThePassThatCoveredItsReceiveTimeIsStillEvaluated() throws SQLException {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        setTo(T0.plusSeconds(50));
        evaluator.pass(clock.instant());
        // Received (stamped) 4 s before that pass, but committed only after it.
        setTo(T0.plusSeconds(46));
        writer.write(List.of(run("checkout", EU, T0.plusSeconds(60), Outcome.DOWN)));
        setTo(T0.plusSeconds(70));
        assertEquals(1, evaluator.pass(clock.instant()).opened());
    }

    @Test
    void anIncidentWhoseLocationsFellSilentIsMarkedNoDataUntilRunsArrive() throws SQLException {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        minute(evaluator, 1, Outcome.DOWN);
        setTo(T0.plusSeconds(60 * 4 + 30)); // three and a half minutes after the last run
        evaluator.pass(clock.instant());
        Incident silent = incidents.list(Incidents.State.OPEN, null, 10).getFirst();
        assertTrue(silent.noData());
        minute(evaluator, 5, Outcome.DOWN);
        assertFalse(incidents.byId(silent.id()).orElseThrow().noData(), "a run arrived");
        minute(evaluator, 6, Outcome.UP);
        assertEquals(Duration.ofMinutes(6), incidents.byId(silent.id()).orElseThrow().duration(clock.instant()));
    }

    @Test
    void errorRunsAndMaintenanceNeitherOpenNorResolve() throws SQLException {
        calendar.add("checkout", T0.plusSeconds(120), T0.plusSeconds(240), MaintenanceCalendar.Mode.MAINTENANCE, T0);
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        minute(evaluator, 1, Outcome.ERROR);
        minute(evaluator, 2, Outcome.DOWN); // in maintenance
        minute(evaluator, 3, Outcome.UP); // in maintenance
        assertEquals(List.of(), emitted());
        minute(evaluator, 4, Outcome.DOWN);
        Incident incident = incidents.list(null, null, 10).getFirst();
        assertEquals(T0, incident.startedAt(), "the streak went on through ERROR and maintenance");
        assertEquals(2, incident.badRuns());
        minute(evaluator, 5, Outcome.ERROR);
        assertTrue(incidents.byId(incident.id()).orElseThrow().isOpen());
    }

    @Test
    void degradedRunsAreBadWhenTheJourneySaysSo() throws SQLException {
        journeys = List.of(IncidentRuns.journey("checkout", """
                slo:
                  availability: 99%
                  degraded: bad
                alert:
                  after: 2
                """));
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DEGRADED);
        minute(evaluator, 1, Outcome.DEGRADED);
        Incident incident = incidents.list(null, null, 10).getFirst();
        assertEquals(List.of(IncidentRuns.PAY_503), incident.failingSteps());
        assertNull(incident.endedAt());
        assertFalse(incident.recoveryBreached());
    }

    @Test
    void degradedRunsAreGoodByDefault() throws SQLException {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DEGRADED);
        minute(evaluator, 1, Outcome.DEGRADED);
        assertEquals(List.of(), incidents.list(null, null, 10));
    }

    @Test
    void runsOfJourneysNotPublishedAreNotEvaluated() throws SQLException {
        journeys = List.of();
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        minute(evaluator, 1, Outcome.DOWN);
        assertEquals(List.of(), emitted());
    }

    @Test
    void anOpenIncidentOfAJourneyNoLongerPublishedResolvesOnceAtItsLastRun() throws SQLException {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        minute(evaluator, 1, Outcome.DOWN);
        minute(evaluator, 2, Outcome.DOWN);
        long id = incidents.list(Incidents.State.OPEN, null, 10).getFirst().id();
        journeys = List.of();
        assertEquals(1, minute(evaluator, 3, Outcome.DOWN).resolved(), "the run at minute 3 is not evaluated");
        assertEquals(new StateChange.IncidentResolved("checkout", id, T0.plusSeconds(120), Duration.ofMinutes(2),
                false, false), emitted().getLast(), "ended at its last evaluated run; no objective, no breach");
        assertEquals(2, emitted().size());
        Incident incident = incidents.byId(id).orElseThrow();
        assertEquals(T0.plusSeconds(120), incident.endedAt());
        assertEquals(3, incident.badRuns());
        assertEquals(List.of(), incidents.list(Incidents.State.OPEN, null, 10));
        try (Connection connection = store.connection()) {
            assertEquals(new IncidentStore.Tracked(null, TrackerState.empty()), store.tracker(connection, "checkout"),
                    "its tracker is dropped");
        }
        minute(evaluator(), 4, Outcome.DOWN);
        assertEquals(2, emitted().size(), "resolved exactly once");
    }

    @Test
    void aTrackerStoredBeforeItCountedPriorRunsStillLoads() throws Exception {
        IncidentEvaluator evaluator = evaluator();
        minute(evaluator, 0, Outcome.DOWN);
        String stored;
        try (Connection connection = store.connection()) {
            stored = json.writeValueAsString(store.tracker(connection, "checkout").state());
        }
        String older = stored.replaceAll(",?\"priorBadRuns\":0", "");
        assertFalse(older.contains("priorBadRuns"), older);
        TrackerState state = json.readValue(older, TrackerState.class);
        assertEquals(0, state.locations().get(EU).priorBadRuns());
        assertNull(state.lastEnded());
    }

    @Test
    void aLongBacklogIsEvaluatedInBoundedPasses() throws SQLException {
        List<dev.dapple.result.RunResult> runs = new ArrayList<>();
        for (int m = 0; m < 150; m++) {
            runs.add(run("checkout", EU, T0.plusSeconds(60L * m), m >= 100 && m < 110 ? Outcome.DOWN : Outcome.UP));
            setTo(T0.plusSeconds(60L * m + 5));
            writer.write(List.of(runs.getLast()));
        }
        setTo(T0.plusSeconds(60L * 150));
        IncidentEvaluator evaluator = evaluator();
        IncidentEvaluator.Pass first = evaluator.pass(clock.instant());
        assertTrue(first.behind(), "one hour of receive time per pass");
        assertEquals(61, first.runs(), "received T0+5s to T0+1h5s, both included");
        while (evaluator.pass(clock.instant()).behind()) {
            // catching up
        }
        Incident incident = incidents.list(null, null, 10).getFirst();
        assertEquals(T0.plusSeconds(6000), incident.startedAt());
        assertEquals(T0.plusSeconds(6600), incident.endedAt());
        assertEquals(2, emitted().size());
    }
}

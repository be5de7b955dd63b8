package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drills: DrillStarted and DrillEnded recorded once each across passes and a restart, and the drill report's
 * recovery times computed from ingested runs, on every database ({@link H2DrillTest}, {@link PostgresDrillTest}).
 * Dates lie in the past so the report reads runs up to the real now.
 */
abstract class DrillContract {

    static final Instant T10 = Instant.parse("2025-01-06T10:00:00Z"); // a Monday

    @Inject
    MaintenanceStore windows;
    @Inject
    DrillStore drills;
    @Inject
    DrillEvents events;
    @Inject
    StateChanges changes;
    @Inject
    Catalog catalog;
    @Inject
    RunWriter writer;
    @Inject
    PublishedJourneyRepository published;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    DataSource dataSource;
    @Inject
    @Client("/")
    HttpClient client;

    @BeforeEach
    void setUp() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            for (String table : List.of("drills", "maintenance_windows", "state_changes", "runs")) {
                connection.createStatement().executeUpdate("DELETE FROM " + table);
            }
        }
        published.deleteAll();
        versions.deleteAll();
        publish("checkout", "[shop]", "slo:\n  availability: 99%\n  recovery: 10m\n");
        publish("login", "[shop]", "");
        publish("search", "[other]", "");
    }

    private void publish(String name, String tags, String slo) {
        String text = "name: " + name + "\ninterval: 1m\ntags: " + tags + "\nsteps:\n  - name: ping\n"
                + "    get: http://localhost:8080/health\n" + slo;
        versions.save(new JourneyVersion(new JourneyVersion.Key(name, "hash-" + name), text, T10));
        published.save(new PublishedJourney(name, "hash-" + name, "journeys/" + name + ".yaml", T10));
    }

    private Window drill(String start, String end) throws SQLException {
        return windows.add(MaintenanceStoreContract.once("failover", WindowDefinition.Kind.DRILL, List.of(),
                List.of("shop"), start, end), Window.Source.API, "ana", T10.minus(Duration.ofHours(1)));
    }

    private List<StateChange> recorded() throws SQLException {
        return changes.after(0, 100).stream().map(StateChanges.Recorded::change).toList();
    }

    @Test
    void startAndEndAreRecordedOnceAcrossPassesAndARestart() throws SQLException {
        drill("2025-01-06T10:00", "2025-01-06T11:00");

        assertEquals(0, events.pass(T10.minus(Duration.ofMinutes(30))));
        assertEquals(1, events.pass(T10.plusSeconds(30)));
        long id = drills.all().getFirst().id();
        assertEquals(0, events.pass(T10.plus(Duration.ofMinutes(30))));
        assertEquals(1, events.pass(T10.plus(Duration.ofHours(1))));
        assertEquals(0, events.pass(T10.plus(Duration.ofMinutes(61))));
        var restarted = new DrillEvents(windows, drills, changes, catalog);
        assertEquals(0, restarted.pass(T10.plus(Duration.ofMinutes(65))));

        assertEquals(List.of(new StateChange.DrillStarted(id, List.of("checkout", "login"), T10),
                new StateChange.DrillEnded(id, List.of("checkout", "login"), T10.plus(Duration.ofHours(1)))), recorded());
        assertEquals(List.of(new Drill(id, drills.all().getFirst().windowId(), "failover", T10,
                T10.plus(Duration.ofHours(1)), List.of("checkout", "login"), true)), drills.all());
    }

    @Test
    void aDeletedDrillEndsWhenDeletedAndAPastOneIsNeverAnnounced() throws SQLException {
        Window window = drill("2025-01-06T10:00", "2025-01-06T11:00");
        assertEquals(1, events.pass(T10.plus(Duration.ofMinutes(10))));
        windows.delete(window.id(), T10.plus(Duration.ofMinutes(20)));
        assertEquals(1, events.pass(T10.plus(Duration.ofMinutes(21))));
        assertEquals(new StateChange.DrillEnded(drills.all().getFirst().id(), List.of("checkout", "login"),
                T10.plus(Duration.ofMinutes(20))), recorded().getLast());

        // Added at 12:00 for 08:00-09:00: it already happened, there is nothing to announce.
        windows.add(MaintenanceStoreContract.once("late", WindowDefinition.Kind.DRILL, List.of(), List.of(),
                "2025-01-06T08:00", "2025-01-06T09:00"), Window.Source.API, null, T10.plus(Duration.ofHours(2)));
        assertEquals(0, events.pass(T10.plus(Duration.ofHours(2))));
    }

    private static RunResult run(String journey, String location, int minute, Outcome outcome) {
        Instant planned = T10.plus(Duration.ofMinutes(minute));
        return new RunResult(UUID.randomUUID(), journey, "hash-" + journey, location, "probe-1", planned, planned,
                1_000L, outcome, null, outcome == Outcome.UP ? null : "failed", List.of());
    }

    @Test
    void theReportMeasuresRecoveryPerLocationAndOverallAgainstTheObjective() throws SQLException {
        drill("2025-01-06T10:00", "2025-01-06T11:00");
        events.pass(T10.plus(Duration.ofHours(1)));
        long id = drills.all().getFirst().id();
        var runs = new ArrayList<RunResult>();
        // eu fails at 10:02, an ERROR at 10:04 says nothing, good again at 10:06: 4 minutes.
        List<Outcome> eu = List.of(Outcome.UP, Outcome.UP, Outcome.DOWN, Outcome.DOWN, Outcome.ERROR, Outcome.DOWN, Outcome.UP);
        for (int minute = 0; minute < eu.size(); minute++) {
            runs.add(run("checkout", "eu", minute, eu.get(minute)));
        }
        // us fails from 10:03 to 10:14 and is good at 10:15: 12 minutes, over the 10m objective.
        runs.add(run("checkout", "us", 0, Outcome.UP));
        for (int minute = 3; minute < 15; minute++) {
            runs.add(run("checkout", "us", minute, Outcome.DOWN));
        }
        runs.add(run("checkout", "us", 15, Outcome.UP));
        // login fails at 10:50 and has not recovered; a DEGRADED run is good by default.
        runs.add(run("login", "eu", 40, Outcome.DEGRADED));
        runs.add(run("login", "eu", 50, Outcome.DOWN));
        runs.add(run("login", "eu", 51, Outcome.ERROR));
        // search is not in the drill; a checkout failure after the drill starts no recovery.
        runs.add(run("search", "eu", 5, Outcome.DOWN));
        writer.write(runs);

        Map<?, ?> report = client.toBlocking().retrieve(HttpRequest.GET("/api/drills/" + id), Map.class);
        List<?> journeys = (List<?>) report.get("journeys");
        assertEquals(2, journeys.size());
        Map<?, ?> checkout = (Map<?, ?>) journeys.get(0);
        assertEquals("checkout", checkout.get("journey"));
        assertEquals("10m", checkout.get("objective"));
        assertEquals(Map.of("verdict", "BREACHED", "failedAt", "2025-01-06T10:02:00Z",
                "recoveredAt", "2025-01-06T10:15:00Z", "seconds", 780), checkout.get("overall"));
        Map<?, ?> locations = (Map<?, ?>) checkout.get("locations");
        assertEquals(Map.of("verdict", "MET", "failedAt", "2025-01-06T10:02:00Z",
                "recoveredAt", "2025-01-06T10:06:00Z", "seconds", 240), locations.get("eu"));
        assertEquals(Map.of("verdict", "BREACHED", "failedAt", "2025-01-06T10:03:00Z",
                "recoveredAt", "2025-01-06T10:15:00Z", "seconds", 720), locations.get("us"));
        Map<?, ?> login = (Map<?, ?>) journeys.get(1);
        assertEquals(null, login.get("objective"));
        assertEquals(Map.of("verdict", "NOT_RECOVERED", "failedAt", "2025-01-06T10:50:00Z"), login.get("overall"));

        List<Map> listed = client.toBlocking().retrieve(HttpRequest.GET("/api/drills"), Argument.listOf(Map.class));
        assertEquals(List.of(id), listed.stream().map(d -> ((Number) d.get("id")).longValue()).toList());
    }

    @Test
    void aJourneyWithoutRunsInTheDrillHasNoDataRatherThanNoFailure() throws SQLException {
        drill("2025-01-06T10:00", "2025-01-06T11:00");
        events.pass(T10.plus(Duration.ofHours(1)));
        long id = drills.all().getFirst().id();
        // checkout ran in eu during the drill, in us only after it; login has no runs (as once retention removed them).
        writer.write(List.of(run("checkout", "eu", 5, Outcome.UP), run("checkout", "us", 65, Outcome.DOWN)));

        Map<?, ?> report = client.toBlocking().retrieve(HttpRequest.GET("/api/drills/" + id), Map.class);
        Map<?, ?> checkout = (Map<?, ?>) ((List<?>) report.get("journeys")).get(0);
        assertEquals(Map.of("verdict", "NO_FAILURE"), checkout.get("overall"));
        assertEquals(Map.of("eu", Map.of("verdict", "NO_FAILURE"), "us", Map.of("verdict", "NO_DATA")),
                checkout.get("locations"));
        Map<?, ?> login = (Map<?, ?>) ((List<?>) report.get("journeys")).get(1);
        assertEquals("login", login.get("journey"));
        assertEquals(Map.of("verdict", "NO_DATA"), login.get("overall"));
        assertEquals(null, login.get("locations"), "no locations (an empty map is left out)");
    }

    @Test
    void aFileDrillWhoseReasonOrNameChangesKeepsRunningWithoutNewEvents() throws SQLException {
        var definition = MaintenanceStoreContract.once("failover", WindowDefinition.Kind.DRILL, List.of(),
                List.of("shop"), "2025-01-06T10:00", "2025-01-06T11:00");
        windows.replaceFileWindows(List.of(definition), T10.minus(Duration.ofHours(1)));
        assertEquals(1, events.pass(T10.plus(Duration.ofMinutes(10))));

        var edited = new WindowDefinition("failover-eu", WindowDefinition.Kind.DRILL, "quarterly rehearsal",
                List.of(), List.of("shop"), definition.schedule());
        assertEquals(List.of("updated drill window failover-eu (was failover)"),
                windows.replaceFileWindows(List.of(edited), T10.plus(Duration.ofMinutes(20))));
        assertEquals(0, events.pass(T10.plus(Duration.ofMinutes(21))), "neither ended nor started again");
        assertEquals(1, events.pass(T10.plus(Duration.ofHours(1))));

        long id = drills.all().getFirst().id();
        assertEquals(List.of(new StateChange.DrillStarted(id, List.of("checkout", "login"), T10),
                new StateChange.DrillEnded(id, List.of("checkout", "login"), T10.plus(Duration.ofHours(1)))), recorded());
    }

    @Test
    void anUnknownDrillIs404AndABadId400() {
        var missing = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/drills/999999"), Map.class));
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
        assertEquals("no drill with id 999999 (GET /api/drills lists them)",
                missing.getResponse().getBody(Map.class).orElseThrow().get("detail"));
        var bad = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/drills/x"), Map.class));
        assertEquals(HttpStatus.BAD_REQUEST, bad.getStatus());
    }
}

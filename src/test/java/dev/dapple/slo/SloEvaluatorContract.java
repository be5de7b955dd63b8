package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incidents;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import dev.dapple.journey.Journey;
import dev.dapple.leader.MutableClock;
import dev.dapple.maintenance.MaintenanceCalendar;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Burn alerts and snapshots across evaluation passes with a {@link MutableClock}, on the real store and state change
 * log. Counts come from {@link InMemorySloCounts} (hand-computed), the maintenance mode from a settable calendar (the
 * stored calendar has its own contract).
 */
abstract class SloEvaluatorContract {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final List<String> ALL_RULES = List.of("page-1h", "page-6h", "ticket-1d", "ticket-3d");

    @Inject
    DataSource dataSource;
    @Inject
    StateChanges changes;
    @Inject
    BurnAlerts alerts;
    @Inject
    SloSnapshots snapshots;
    @Inject
    Catalog catalog;
    @Inject
    Incidents incidents;

    private final InMemorySloCounts counts = new InMemorySloCounts();
    private final AtomicReference<MaintenanceCalendar.Mode> mode = new AtomicReference<>(MaintenanceCalendar.Mode.NONE);
    private MutableClock clock;
    private SloEvaluator evaluator;
    private long changesBefore;

    /** Maintenance decided by the test, without writing windows (the stored calendar has its own tests). */
    private final MaintenanceCalendar calendar = new MaintenanceCalendar() {
        @Override
        public Mode modeAt(String journey, Collection<String> tags, Instant at) {
            return mode.get();
        }

        @Override
        public List<Changed> changedSince(Instant since, Instant notBefore, Instant now) {
            return List.of();
        }
    };

    @BeforeEach
    void evaluator() throws SQLException {
        // PostgreSQL tests share one instance (PER_CLASS): every test starts afresh
        counts.clear();
        mode.set(MaintenanceCalendar.Mode.NONE);
        clock = new MutableClock(T0);
        evaluator = new SloEvaluator(catalog, new SloReports(counts, SloConfiguration.defaults()), alerts, snapshots,
                changes, calendar, incidents, dataSource);
        evaluator.pass(List.of(), T0.minusSeconds(1)); // retire what earlier tests left firing
        List<StateChanges.Recorded> all = changes.after(0, Integer.MAX_VALUE);
        changesBefore = all.isEmpty() ? 0 : all.getLast().id();
    }

    private static Journey journey(String name) {
        return SloJourneys.journey(name, "availability: 99.9%\nwindow: 30d");
    }

    /** 900 good runs 50 minutes ago, then 100 runs 2 minutes ago with 20 bad: burn rate 20 over 1h, 200 over 5m. */
    private void fastBurn(String journey) {
        counts.add(journey, Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofMinutes(50)), 900, 0)
                .add(journey, Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofMinutes(2)), 80, 20);
    }

    private SloEvaluator.Outcome pass(Journey... journeys) throws SQLException {
        return evaluator.pass(List.of(journeys), clock.instant());
    }

    private List<String> recorded() throws SQLException {
        return changes.after(changesBefore, 1000).stream().map(StateChanges.Recorded::change)
                .map(c -> switch (c) {
                    case StateChange.BurnAlertFired f -> "fired " + f.objective() + " " + f.rule() + " at "
                            + f.at() + (f.drill() ? " drill" : "");
                    case StateChange.BurnAlertResolved r -> "resolved " + r.objective() + " " + r.rule() + " at "
                            + r.at() + (r.drill() ? " drill" : "");
                    default -> c.toString();
                }).toList();
    }

    private static List<String> fired(List<String> rules, Instant at, String suffix) {
        return rules.stream().map(r -> "fired availability " + r + " at " + at + suffix).toList();
    }

    private List<FiringBurnAlert> firing(String journey) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            return alerts.firing(connection, journey);
        }
    }

    private SloSnapshot snapshot(String journey) throws SQLException {
        return snapshots.all().stream().filter(s -> s.journey().equals(journey)).findFirst().orElse(null);
    }

    @Test
    void eachAlertFiresOnceAndResolvesOncePerEpisode() throws SQLException {
        Journey checkout = journey("checkout");
        fastBurn("checkout");
        pass(checkout);
        // every rule's long and short burn rates (20 and 200 here, see fastBurn) pass 14.4, 6, 3 and 1
        assertEquals(fired(ALL_RULES, T0, ""), recorded());
        assertEquals(ALL_RULES, firing("checkout").stream().map(FiringBurnAlert::rule).sorted().toList());
        FiringBurnAlert page = firing("checkout").getFirst();
        assertEquals(20.0, page.burnRate(), 1e-9); // 20 bad of 1000 in the hour: 0.02 / 0.001
        assertEquals(14.4, page.threshold());
        var change = (StateChange.BurnAlertFired) changes.after(changesBefore, 1).getFirst().change();
        assertEquals(new StateChange.BurnAlertFired("checkout", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, page.burnRate(), 14.4, T0, false), change);
        assertEquals("checkout/availability/page-1h", change.subject());

        clock.advance(Duration.ofMinutes(1));
        pass(checkout);
        assertEquals(4, recorded().size(), "still burning: nothing new");

        // 100 good runs at T0+7m: at T0+10m the last 5 minutes burn nothing, so page-1h resolves; 30m still confirms 6h
        counts.add("checkout", Objective.AVAILABILITY, "eu-west", T0.plus(Duration.ofMinutes(7)), 100, 0);
        clock.advance(Duration.ofMinutes(9));
        pass(checkout);
        clock.advance(Duration.ofMinutes(1));
        pass(checkout);
        Instant resolvedAt = T0.plus(Duration.ofMinutes(10));
        assertEquals(List.of("resolved availability page-1h at " + resolvedAt), recorded().subList(4, recorded().size()));

        // a second episode: 30 bad runs at T0+14m; the hour since T0+15m−1h holds 230 runs, 50 bad: 217 ≥ 14.4
        counts.add("checkout", Objective.AVAILABILITY, "eu-west", T0.plus(Duration.ofMinutes(14)), 0, 30);
        clock.advance(Duration.ofMinutes(4));
        pass(checkout);
        pass(checkout);
        Instant again = T0.plus(Duration.ofMinutes(15));
        assertEquals(List.of("resolved availability page-1h at " + resolvedAt,
                "fired availability page-1h at " + again), recorded().subList(4, recorded().size()));

        SloSnapshot snapshot = snapshot("checkout");
        assertEquals(again, snapshot.evaluatedAt());
        assertEquals(JourneyState.BURNING, snapshot.state(), "alerts fire, no incident is open");
        assertEquals(null, snapshot.openIncident());
        assertEquals(ALL_RULES, snapshot.firingAlerts().stream().map(FiringBurnAlert::rule).toList());
        // window: 900 + 100 + 100 + 30 = 1130 runs, 50 bad
        assertEquals(1080.0 / 1130, snapshot.sli(), 1e-12);
        assertEquals(1 - (50.0 / 1130) / 0.001, snapshot.budgetRemaining(), 1e-9);
        assertEquals(50.0 / 230 / 0.001, snapshot.burnRate1h(), 1e-9);
    }

    @Test
    void aSpentBudgetWithTooFewRunsForAnAlertIsExhausted() throws SQLException {
        // 3 runs, 2 bad: budget 0.001 × 3 = 0.003 runs, remaining 1 − 2 / 0.003 < 0; 3 < min_runs 10, so no alert
        counts.add("young", Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofMinutes(3)), 1, 2);
        pass(journey("young"));
        assertEquals(List.of(), firing("young"));
        assertEquals(JourneyState.EXHAUSTED, snapshot("young").state());
    }

    @Test
    void aPassReadsEachSpanOnceForEveryJourney() throws SQLException {
        fastBurn("a");
        fastBurn("b");
        fastBurn("c");
        counts.queries.clear();
        pass(journey("a"), journey("b"), journey("c"));
        // one read of the 28-day window and one per burn-rate span (5m, 30m, 1h, 2h, 6h, 1d, 3d), not 8 per journey
        assertEquals(8, counts.queries.size());
        assertEquals(12, firing("a").size() + firing("b").size() + firing("c").size());
    }

    @Test
    void aShortWindowWithoutRunsNeitherResolvesNorRefires() throws SQLException {
        Journey checkout = journey("checkout");
        fastBurn("checkout");
        pass(checkout);
        assertEquals(4, recorded().size());

        // T0+4m: nothing valid since T0−2m, so the 5m window is empty (closed business hours, a silent probe)
        clock.advance(Duration.ofMinutes(4));
        pass(checkout);
        assertEquals(4, recorded().size(), "no data in the short window resolves nothing");
        assertEquals(ALL_RULES, firing("checkout").stream().map(FiringBurnAlert::rule).sorted().toList());

        // good runs at T0+5m: at T0+6m the 5m window burns nothing and page-1h resolves; the 30m window still holds
        // the 20 bad runs of T0−2m (20 of 200: burn rate 100), so page-6h keeps firing
        counts.add("checkout", Objective.AVAILABILITY, "eu-west", T0.plus(Duration.ofMinutes(5)), 100, 0);
        clock.advance(Duration.ofMinutes(2));
        pass(checkout);
        assertEquals(List.of("resolved availability page-1h at " + T0.plus(Duration.ofMinutes(6))),
                recorded().subList(4, recorded().size()));
    }

    @Test
    void aJourneyNoLongerPublishedResolvesItsAlertsAndLosesItsSnapshot() throws SQLException {
        fastBurn("gone");
        pass(journey("gone"));
        assertEquals(4, firing("gone").size());

        clock.advance(Duration.ofMinutes(1));
        SloEvaluator.Outcome outcome = pass();
        assertEquals(List.of("gone"), outcome.retired());
        assertEquals(List.of(), firing("gone"));
        assertEquals(null, snapshot("gone"));
        Instant at = T0.plus(Duration.ofMinutes(1));
        assertEquals(ALL_RULES.stream().map(r -> "resolved availability " + r + " at " + at).toList(),
                recorded().subList(4, 8));
    }

    @Test
    void anObjectiveRemovedFromTheBlockResolvesItsAlerts() throws SQLException {
        // 100 completed runs 2 minutes ago, 50 slower than 1s: every latency rule burns (0.5 / 0.01 = 50)
        counts.add("slow", Objective.LATENCY, "eu-west", T0.minus(Duration.ofMinutes(2)), 50, 50);
        pass(SloJourneys.journey("slow", "latency: { below: 1s, target: 99% }"));
        assertEquals(ALL_RULES.stream().map(r -> "fired latency " + r + " at " + T0).toList(), recorded());

        clock.advance(Duration.ofMinutes(1));
        pass(SloJourneys.journey("slow", "availability: 99%"));
        Instant at = T0.plus(Duration.ofMinutes(1));
        assertEquals(ALL_RULES.stream().map(r -> "resolved latency " + r + " at " + at).toList(),
                recorded().subList(4, 8));
        assertEquals(List.of(), firing("slow"));
    }

    @Test
    void aRolledBackPassRecordsNothing() throws SQLException {
        fastBurn("rollback");
        execute("ALTER TABLE slo_snapshots RENAME TO slo_snapshots_away");
        try {
            assertThrows(SQLException.class, () -> pass(journey("rollback")));
        } finally {
            execute("ALTER TABLE slo_snapshots_away RENAME TO slo_snapshots");
        }
        assertEquals(List.of(), recorded(), "the fired alerts were rolled back with the snapshot");
        assertEquals(List.of(), firing("rollback"));

        pass(journey("rollback"));
        assertEquals(fired(ALL_RULES, T0, ""), recorded(), "the next pass fires them, once");
    }

    @Test
    void noFiringInMaintenanceAndDrillAlertsAreMarked() throws SQLException {
        fastBurn("maintained");
        mode.set(MaintenanceCalendar.Mode.MAINTENANCE);
        pass(journey("maintained"));
        assertEquals(List.of(), recorded());
        assertEquals(List.of(), snapshot("maintained").firingAlerts());

        mode.set(MaintenanceCalendar.Mode.DRILL);
        clock.advance(Duration.ofMinutes(1));
        pass(journey("maintained"));
        assertEquals(fired(ALL_RULES, T0.plus(Duration.ofMinutes(1)), " drill"), recorded());
        assertTrue(firing("maintained").stream().allMatch(FiringBurnAlert::drill));
    }

    @Test
    void aFailingJourneyDoesNotStopTheOthers() throws SQLException {
        fastBurn("healthy");
        // reading every journey at once fails, so each journey is counted on its own, and only "broken" fails
        var failing = new SloEvaluator(catalog, new SloReports(new SloCounts() {
            @Override
            public Counts count(String journey, Instant from, Instant to) {
                if (journey.equals("broken")) {
                    throw new IllegalStateException("rollups unreadable");
                }
                return counts.count(journey, from, to);
            }

            @Override
            public Map<String, Counts> countAll(Instant from, Instant to) {
                throw new IllegalStateException("rollups unreadable");
            }
        }, SloConfiguration.defaults()), alerts, snapshots, changes, calendar, incidents, dataSource);

        SloEvaluator.Outcome outcome = failing.pass(List.of(journey("broken"), journey("healthy")), T0);
        assertEquals(new SloEvaluator.Outcome(1, List.of("broken"), List.of()), outcome);
        assertEquals(4, firing("healthy").size());
        assertEquals(null, snapshot("broken"));
    }

    @Test
    void theSnapshotHoldsTheWholeReport() throws SQLException {
        counts.add("stored", Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofDays(2)), 999, 1);
        pass(journey("stored"));
        SloReport expected = new SloReports(counts, SloConfiguration.defaults()).report(journey("stored"), T0);
        SloSnapshot snapshot = snapshot("stored");
        assertEquals(expected, snapshot.report());
        assertEquals(0.999, snapshot.sli(), 1e-12);
        assertEquals(0.0, snapshot.budgetRemaining(), 1e-9); // 1 bad of 0.001 × 1000 allowed
        assertEquals(null, snapshot.burnRate1h(), "no runs in the last hour");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

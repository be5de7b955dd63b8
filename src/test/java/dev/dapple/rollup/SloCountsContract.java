package dev.dapple.rollup;

import dev.dapple.maintenance.TestCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.leader.MutableClock;
import dev.dapple.maintenance.MaintenanceCalendar.Mode;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloCounts.Counts;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLO counts on a real database ({@link H2SloCountsTest}, {@link PostgresSloCountsTest}): runs are written and rolled
 * up with a {@link MutableClock}, then counted over windows; expected values are counted by the test from the raw
 * runs, or by hand. The maintenance calendar is {@link TestCalendar}, so a test sets windows and their change times
 * directly (the stored calendar has its own contract).
 */
abstract class SloCountsContract {

    /** latency below 3 s, login below 800 ms; a time slice is bad when 2 locations are bad at it. */
    static final String OBJECTIVES = """
            slo:
              availability: 99.5%
              latency: { below: 3s, target: 99% }
              steps:
                login: { below: 800ms, target: 99.9% }
            alert:
              locations: 2
            """;
    static final Objective LOGIN_LATENCY = new Objective.StepLatency("login");

    @Inject
    DataSource dataSource;
    @Inject
    RunRecords records;
    @Inject
    RunReader reader;
    @Inject
    RollupStore store;

    TestCalendar calendar;
    List<Journey> journeys;
    MutableClock clock;
    RunWriter writer;
    RollupDeriver deriver;
    RollupSloCounts counts;

    @BeforeEach
    void empty() throws SQLException {
        RollupTesting.empty(dataSource);
        calendar = new TestCalendar();
        journeys = new CopyOnWriteArrayList<>();
    }

    /** Clock, writer, deriver and counts starting at {@code start}, with these journeys published. */
    void start(Instant start, Journey... published) {
        journeys.addAll(List.of(published));
        clock = new MutableClock(start);
        writer = new RunWriter(dataSource, records, clock);
        SloClassifier classifier = new SloClassifier(() -> List.copyOf(journeys), calendar);
        deriver = new RollupDeriver(store, reader, new RollupConfiguration(Duration.ofMinutes(1)),
                RollupContract.RETENTION, classifier, 500);
        counts = new RollupSloCounts(store, reader, RollupContract.RETENTION, classifier, clock);
    }

    void catchUp() throws SQLException {
        for (int i = 0; i < 1_000; i++) {
            if (!deriver.pass(clock.instant()).behind()) {
                return;
            }
        }
        throw new AssertionError("still behind after 1000 passes");
    }

    void deleteRawRuns(Instant from, Instant to) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM runs WHERE planned_at >= ? AND planned_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            delete.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            delete.executeUpdate();
        }
    }

    /**
     * 60 hours of checkout at two locations every 7 minutes (and a journey no longer published), rolled up for the
     * first 40; the raw runs of hours 5 to 35 are deleted, so those parts can only come from rollups. Windows cutting
     * through minutes, hours and days and reaching into the part not rolled up give the counts of the raw runs.
     */
    @Test
    void windowsOverRawEdgesMinutesHoursAndDaysCountWhatTheRawRunsHold() throws SQLException {
        Instant t0 = Instant.parse("2026-11-18T20:00:00Z");
        start(t0.plus(Duration.ofHours(40)), SloJourneys.journey("checkout", OBJECTIVES));
        List<RunResult> runs = new ArrayList<>();
        Random random = new Random(7);
        int i = 0;
        for (Instant planned = t0.plusSeconds(17); planned.isBefore(t0.plus(Duration.ofHours(60))); i++) {
            for (String location : List.of("eu-west", "us-east")) {
                long[] steps = {(long) (600_000 * Math.exp(random.nextGaussian() * 0.3)), 1_000_000,
                        (long) (1_300_000 * Math.exp(random.nextGaussian() * 0.3))};
                boolean eu = location.equals("eu-west");
                runs.add(i % 29 == 0 && eu ? TestResults.missed("checkout", location, planned)
                        : i % 11 == 0 || (i % 13 == 0 && eu) ? TestResults.run("checkout", location, planned, Outcome.DOWN, 0, steps)
                        : i % 7 == 0 ? TestResults.run("checkout", location, planned, Outcome.DEGRADED, 0, steps)
                        : TestResults.run("checkout", location, planned, Outcome.UP, 0, steps));
            }
            if (i % 50 == 0) {
                runs.add(TestResults.run("gone", "eu-west", planned, i % 100 == 0 ? Outcome.DOWN : Outcome.UP, 0, 1, 1, 1));
            }
            planned = planned.plusSeconds(7 * 60);
        }
        writer.write(runs);
        catchUp();
        deleteRawRuns(t0.plus(Duration.ofHours(5)), t0.plus(Duration.ofHours(35)));
        clock.advance(Duration.ofHours(20).plusSeconds(190));
        Instant now = clock.instant();

        assertCountsOfRawRuns(runs, t0.plus(Duration.ofHours(3)).plusSeconds(17 * 60 + 30),
                t0.plus(Duration.ofHours(58)).plusSeconds(2 * 60 + 10));
        assertCountsOfRawRuns(runs, t0.plus(Duration.ofHours(39)).plusSeconds(55), now);
        assertCountsOfRawRuns(runs, now.minus(Duration.ofHours(24)), now);
        assertCountsOfRawRuns(runs, t0.plus(Duration.ofHours(50)).plusSeconds(60), t0.plus(Duration.ofHours(52)));

        Instant from = t0.plus(Duration.ofHours(1));
        Map<String, Counts> all = counts.countAll(from, now);
        assertEquals(Set.of("checkout", "gone"), all.keySet());
        assertEquals(counts.count("checkout", from, now), all.get("checkout"));
        List<RunResult> gone = runs.stream().filter(r -> r.journey().equals("gone") && !r.plannedAt().isBefore(from))
                .toList();
        long goneDown = gone.stream().filter(r -> r.outcome() == Outcome.DOWN).count();
        assertEquals(new EventCounts(gone.size() - goneDown, goneDown), all.get("gone").pooled(Objective.AVAILABILITY),
                "a journey no longer published: availability with the defaults");
        assertEquals(Set.of(Objective.AVAILABILITY, new Objective.StepAvailability("login"),
                new Objective.StepAvailability("search"), new Objective.StepAvailability("pay")),
                all.get("gone").perLocation().keySet());
    }

    private void assertCountsOfRawRuns(List<RunResult> runs, Instant from, Instant to) {
        List<RunResult> window = runs.stream().filter(r -> r.journey().equals("checkout"))
                .filter(r -> !r.plannedAt().isBefore(from) && r.plannedAt().isBefore(to)).toList();
        Counts actual = counts.count("checkout", from, to);
        assertEquals(checkoutCounts(window), actual, "[" + from + ", " + to + ")");
        assertTrue(actual.pooled(Objective.AVAILABILITY).bad() > 2, "the window has failures to count");
    }

    /** Checkout's counts as the test reads {@link #OBJECTIVES}, independently of the code under test. */
    private static Counts checkoutCounts(List<RunResult> runs) {
        Map<Objective, Map<String, EventCounts>> perLocation = new HashMap<>();
        Map<Instant, Map<Objective, Set<String>>> valid = new HashMap<>();
        Map<Instant, Map<Objective, Set<String>>> bad = new HashMap<>();
        for (RunResult run : runs) {
            if (run.outcome() == Outcome.ERROR) {
                continue;
            }
            count(perLocation, Objective.AVAILABILITY, run.location(), run.outcome() != Outcome.DOWN);
            slice(valid, bad, run, Objective.AVAILABILITY, run.outcome() != Outcome.DOWN);
            if (run.outcome() != Outcome.DOWN) {
                count(perLocation, Objective.LATENCY, run.location(), run.durationUs() < 3_000_000);
                slice(valid, bad, run, Objective.LATENCY, run.durationUs() < 3_000_000);
            }
            for (StepResult step : run.steps()) {
                if (step.outcome() != StepOutcome.SKIPPED) {
                    count(perLocation, new Objective.StepAvailability(step.name()), run.location(),
                            step.outcome() == StepOutcome.PASSED);
                }
                if (step.name().equals("login") && step.httpStatus() != null) {
                    count(perLocation, LOGIN_LATENCY, run.location(), step.durationUs() < 800_000);
                }
            }
        }
        Map<Objective, EventCounts> timeslices = new HashMap<>();
        valid.forEach((planned, objectives) -> objectives.keySet().forEach(objective -> {
            boolean isBad = bad.getOrDefault(planned, Map.of()).getOrDefault(objective, Set.of()).size() >= 2;
            timeslices.merge(objective, isBad ? new EventCounts(0, 1) : new EventCounts(1, 0), EventCounts::plus);
        }));
        return new Counts(perLocation, timeslices);
    }

    private static void count(Map<Objective, Map<String, EventCounts>> counts, Objective objective, String location,
                              boolean good) {
        counts.computeIfAbsent(objective, o -> new HashMap<>())
                .merge(location, good ? new EventCounts(1, 0) : new EventCounts(0, 1), EventCounts::plus);
    }

    private static void slice(Map<Instant, Map<Objective, Set<String>>> valid,
                              Map<Instant, Map<Objective, Set<String>>> bad, RunResult run, Objective objective,
                              boolean good) {
        valid.computeIfAbsent(run.plannedAt(), p -> new HashMap<>()).computeIfAbsent(objective, o -> new HashSet<>())
                .add(run.location());
        if (!good) {
            bad.computeIfAbsent(run.plannedAt(), p -> new HashMap<>()).computeIfAbsent(objective, o -> new HashSet<>())
                    .add(run.location());
        }
    }

    private static RunResult down(String journey, String location, Instant planned) {
        return TestResults.run(journey, location, planned, Outcome.DOWN, 0, 1_000, 1_000, 1_000);
    }

    /** Runs of {@code journey} every {@code every} for {@code length} from {@code from}, all DOWN at eu-west. */
    private List<RunResult> downEvery(String journey, Instant from, Duration every, Duration length)
            throws SQLException {
        List<RunResult> runs = new ArrayList<>();
        for (Instant t = from; t.isBefore(from.plus(length)); t = t.plus(every)) {
            runs.add(down(journey, "eu-west", t));
        }
        writer.write(runs);
        return runs;
    }

    private EventCounts availability(String journey, String from, String to) {
        return counts.count(journey, Instant.parse(from), Instant.parse(to)).pooled(Objective.AVAILABILITY);
    }

    /**
     * Monday to Friday 09:00-17:00 in Kolkata (+05:30) is 03:30-11:30 UTC: the UTC hours 03:00 and 11:00 are half
     * inside. Runs every 5 minutes, all failing, over Monday and Tuesday; every raw run deleted after rolling up.
     */
    @Test
    void businessHoursInKolkataCountHalfOfTheUtcHoursAtTheirEdges() throws SQLException {
        Instant monday = Instant.parse("2026-11-23T00:00:00Z");
        start(monday, SloJourneys.journey("kolkata", "slo:\n  availability: 99%\n  hours: Mon-Fri 09:00-17:00 Asia/Kolkata"));
        downEvery("kolkata", monday, Duration.ofMinutes(5), Duration.ofHours(48));
        clock.advance(Duration.ofHours(49));
        catchUp();
        deleteRawRuns(monday, monday.plus(Duration.ofDays(2)));

        assertEquals(new EventCounts(0, 96), availability("kolkata", "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z"),
                "one day bucket: 8 hours of runs every 5 minutes");
        assertEquals(new EventCounts(0, 6), availability("kolkata", "2026-11-23T03:00:00Z", "2026-11-23T04:00:00Z"),
                "03:30 to 03:55");
        assertEquals(new EventCounts(0, 6), availability("kolkata", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z"),
                "11:00 to 11:25");
        assertEquals(new EventCounts(0, 102), availability("kolkata", "2026-11-23T03:00:00Z", "2026-11-24T04:00:00Z"),
                "Monday's 96 and Tuesday's 03:30 to 03:55");
        assertEquals(new EventCounts(0, 96), counts.count("kolkata", monday, monday.plus(Duration.ofDays(1)))
                .timeslices().get(Objective.AVAILABILITY), "one location: as many slices as runs");
    }

    /**
     * Sundays 01:00-04:00 in Berlin: on 29 March 2026 the clocks skip 02:00-03:00, so the hours last 2 real hours
     * (00:00-02:00 UTC); a week earlier, 3 (00:00-03:00 UTC). Runs every 10 minutes for 8 days.
     */
    @Test
    void businessHoursInBerlinFollowTheDstChange() throws SQLException {
        Instant sunday = Instant.parse("2026-03-22T00:00:00Z");
        start(sunday, SloJourneys.journey("berlin", "slo:\n  availability: 99%\n  hours: Sun 01:00-04:00 Europe/Berlin"));
        downEvery("berlin", sunday, Duration.ofMinutes(10), Duration.ofDays(8));
        clock.advance(Duration.ofDays(8).plusHours(1));
        catchUp();
        deleteRawRuns(sunday, sunday.plus(Duration.ofDays(8)));

        assertEquals(new EventCounts(0, 18), availability("berlin", "2026-03-22T00:00:00Z", "2026-03-23T00:00:00Z"));
        assertEquals(new EventCounts(0, 12), availability("berlin", "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"));
        assertEquals(new EventCounts(0, 6), availability("berlin", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"),
                "03:00-04:00 CEST");
        assertEquals(new EventCounts(0, 30), availability("berlin", "2026-03-22T00:00:00Z", "2026-03-30T00:00:00Z"));
    }

    /** Two locations, {@code alert.locations: 2}: eu-west always fails, us-east never. */
    @Test
    void oneFailingLocationOfTwoMakesOccurrencesBadButTimeslicesGood() throws SQLException {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        start(t0, SloJourneys.journey("checkout", OBJECTIVES));
        List<RunResult> runs = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            Instant planned = t0.plusSeconds(60L * m);
            runs.add(down("checkout", "eu-west", planned));
            runs.add(TestResults.run("checkout", "us-east", planned, Outcome.UP, 0, 1_000, 1_000, 1_000));
        }
        runs.add(down("checkout", "us-east", t0.plusSeconds(600)));
        runs.add(down("checkout", "eu-west", t0.plusSeconds(600)));
        writer.write(runs);
        clock.advance(Duration.ofHours(2));
        catchUp();

        Counts hour = counts.count("checkout", t0, t0.plus(Duration.ofHours(1)));
        assertEquals(new EventCounts(10, 12), hour.pooled(Objective.AVAILABILITY), "11 at eu-west, 1 at us-east");
        assertEquals(new EventCounts(0, 11), hour.perLocation().get(Objective.AVAILABILITY).get("eu-west"));
        assertEquals(new EventCounts(10, 1), hour.timeslices().get(Objective.AVAILABILITY),
                "only the last planned time failed at both locations");
        assertEquals(new EventCounts(10, 0), hour.timeslices().get(Objective.LATENCY),
                "a time slice needs a completed run: the last one has none");
    }

    /**
     * A run every minute, all failing, 10:00 to 11:00; maintenance 10:10-10:20 and a drill 10:20-10:25 known from the
     * start; then maintenance 10:30-10:45 added after the hour and the day were rolled up.
     */
    @Test
    void maintenanceExcludesRunsAndAWindowAddedForThePastReDerivesOnce() throws SQLException {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        start(t0, SloJourneys.journey("checkout", OBJECTIVES));
        calendar.add("checkout", t0.plusSeconds(600), t0.plusSeconds(1200), Mode.MAINTENANCE, t0);
        calendar.add("checkout", t0.plusSeconds(1200), t0.plusSeconds(1500), Mode.DRILL, t0);
        downEvery("checkout", t0, Duration.ofMinutes(1), Duration.ofHours(1));
        clock.advance(Duration.ofHours(14).plusMinutes(5)); // 00:05 the next day: the day is rolled up too
        catchUp();
        assertEquals(new EventCounts(0, 50), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"),
                "the hour bucket, without the 10 runs in maintenance; the drill's count");
        assertEquals(new EventCounts(0, 50), availability("checkout", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"),
                "the day bucket");

        calendar.add("checkout", t0.plusSeconds(1800), t0.plusSeconds(2700), Mode.MAINTENANCE, clock.instant());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, deriver.pass(clock.instant()).maintenanceHours());
        assertEquals(new EventCounts(0, 35), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"),
                "10:30 to 10:45 now excluded too");
        assertEquals(new EventCounts(0, 35), availability("checkout", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"),
                "the day bucket is derived again too");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(0, deriver.pass(clock.instant()).maintenanceHours(), "only once");
    }

    /** A window over 10 hours already rolled up is re-derived in bounded passes. */
    @Test
    void aLongWindowAddedForThePastIsReDerivedInBoundedPasses() throws SQLException {
        Instant t0 = Instant.parse("2026-11-20T00:00:00Z");
        start(t0, SloJourneys.journey("checkout", OBJECTIVES));
        downEvery("checkout", t0, Duration.ofMinutes(10), Duration.ofHours(10));
        clock.advance(Duration.ofHours(11));
        catchUp();
        assertEquals(new EventCounts(0, 60), availability("checkout", "2026-11-20T00:00:00Z", "2026-11-20T10:00:00Z"));

        calendar.add("checkout", t0.plusSeconds(1800), t0.plus(Duration.ofHours(9)).plusSeconds(1800),
                Mode.MAINTENANCE, clock.instant());
        clock.advance(Duration.ofSeconds(20));
        RollupDeriver.Pass first = deriver.pass(clock.instant());
        assertEquals(MaintenanceChanges.HOURS_PER_PASS, first.maintenanceHours());
        assertTrue(first.behind(), "hours left to re-derive");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(10 - MaintenanceChanges.HOURS_PER_PASS, deriver.pass(clock.instant()).maintenanceHours());
        assertEquals(new EventCounts(0, 6), availability("checkout", "2026-11-20T00:00:00Z", "2026-11-20T10:00:00Z"),
                "00:00-00:20 and 09:30-09:50");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(0, deriver.pass(clock.instant()).maintenanceHours());
    }

    @Test
    void aLateResultUpdatesTheCountsExactlyOnce() throws SQLException {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        start(t0, SloJourneys.journey("checkout", OBJECTIVES));
        downEvery("checkout", t0, Duration.ofMinutes(1), Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(40));
        catchUp();
        assertEquals(new EventCounts(0, 30), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"));

        writer.write(List.of(TestResults.run("checkout", "us-east", t0.plusSeconds(300), Outcome.UP, 0, 1, 1, 1)));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(1, deriver.pass(clock.instant()).lateMinutes());
        assertEquals(new EventCounts(1, 30), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"));
        deleteRawRuns(t0, t0.plus(Duration.ofHours(1)));
        assertEquals(new EventCounts(1, 30), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"),
                "from the minute buckets alone");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(0, deriver.pass(clock.instant()).lateMinutes());
        assertEquals(new EventCounts(1, 30), availability("checkout", "2026-11-20T10:00:00Z", "2026-11-20T10:30:00Z"));
    }
}

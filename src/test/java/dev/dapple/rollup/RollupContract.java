package dev.dapple.rollup;

import static dev.dapple.rollup.RollupTesting.assertSameHistogram;
import static dev.dapple.rollup.RollupTesting.histogram;
import static dev.dapple.rollup.RollupTesting.stored;
import static dev.dapple.rollup.RollupTesting.tally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.leader.MutableClock;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.retention.RetentionConfiguration;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's rollup derivation on a real database ({@link H2RollupTest}, {@link PostgresRollupTest}): results are
 * written with a {@link MutableClock} as their receive time, and each pass is given that clock's time.
 */
abstract class RollupContract {

    /** Half an hour before midnight, so two hours of runs cross a day. */
    static final Instant T0 = Instant.parse("2026-11-20T22:30:00Z");
    static final RetentionConfiguration RETENTION = new RetentionConfiguration(Duration.ofDays(14),
            Duration.ofDays(3), Duration.ofDays(40), Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(7));

    @Inject
    DataSource dataSource;
    @Inject
    RunRecords records;
    @Inject
    RunReader reader;
    @Inject
    RollupStore store;
    @Inject
    SloClassifier slo;

    MutableClock clock;
    RunWriter writer;
    RollupDeriver deriver;

    @BeforeEach
    void empty() throws SQLException {
        RollupTesting.empty(dataSource);
        clock = new MutableClock(T0);
        writer = new RunWriter(dataSource, records, clock);
        deriver = newDeriver();
    }

    /** A fresh deriver, as after a restart or on another leader: it knows only what the database has. */
    RollupDeriver newDeriver() {
        return new RollupDeriver(store, reader, new RollupConfiguration(Duration.ofMinutes(1)), RETENTION, slo, 100);
    }

    /** Checkout at eu-west every minute, 5 s past it, for {@code minutes} minutes from T0; step times vary. */
    List<RunResult> everyMinute(int minutes) throws SQLException {
        List<RunResult> runs = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            runs.add(TestResults.up("checkout", "eu-west", T0.plusSeconds(60L * m + 5), 1_000 + m, 20_000 + 7L * m, 300_000 - m));
        }
        writer.write(runs);
        return runs;
    }

    void passUntilCaughtUp(RollupDeriver deriver) throws SQLException {
        for (int i = 0; i < 1_000; i++) {
            if (!deriver.pass(clock.instant()).behind()) {
                return;
            }
        }
        throw new AssertionError("still behind after 1000 passes");
    }

    static List<Long> durations(List<RunResult> runs) {
        return runs.stream().map(RunResult::durationUs).toList();
    }

    @Test
    void closedMinutesAreDerivedAfterTheGraceThenHoursAndDaysFromThem() throws SQLException {
        List<RunResult> runs = everyMinute(120); // 22:30 to 00:29
        clock.advance(Duration.ofMinutes(30).plusSeconds(50)); // 23:00:50: minutes up to 22:58 are past the grace

        RollupDeriver.Pass pass = deriver.pass(clock.instant());
        assertEquals(new RollupDeriver.Pass(29, 0, 0, 0, 0, false), pass);
        Map<Instant, Rollups> minutes = stored(store, RollupTable.JOURNEY, BucketSize.MINUTE);
        assertEquals(29, minutes.size());
        assertFalse(minutes.containsKey(T0.plusSeconds(29 * 60)), "22:59 is still in its grace");
        Tally first = tally(minutes, T0, RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(1, first.count(RollupTable.JOURNEY.counter("up")));
        assertSameHistogram(histogram(List.of(runs.getFirst().durationUs())), first.histogram());
        Tally login = tally(stored(store, RollupTable.STEP, BucketSize.MINUTE), T0, RollupTable.STEP,
                "checkout", "login", "eu-west");
        assertEquals(1, login.count(RollupTable.STEP.counter("passed")));
        assertEquals(1, login.histogram().getTotalCount());
        assertTrue(stored(store, RollupTable.JOURNEY, BucketSize.HOUR).isEmpty(), "22:00 is not closed");

        clock.advance(Duration.ofMinutes(92)); // 00:32:50
        passUntilCaughtUp(deriver);
        Map<Instant, Rollups> hours = stored(store, RollupTable.JOURNEY, BucketSize.HOUR);
        assertEquals(List.of(Instant.parse("2026-11-20T22:00:00Z"), Instant.parse("2026-11-20T23:00:00Z")),
                List.copyOf(hours.keySet()), "00:00 is not closed yet");
        Tally eleven = tally(hours, Instant.parse("2026-11-20T23:00:00Z"), RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(60, eleven.count(0));
        assertSameHistogram(histogram(durations(runs.subList(30, 90))), eleven.histogram());
        Map<Instant, Rollups> days = stored(store, RollupTable.JOURNEY, BucketSize.DAY);
        assertEquals(List.of(Instant.parse("2026-11-20T00:00:00Z")), List.copyOf(days.keySet()));
        Tally day = tally(days, Instant.parse("2026-11-20T00:00:00Z"), RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(90, day.count(0));
        assertSameHistogram(histogram(durations(runs.subList(0, 90))), day.histogram());
        Tally pay = tally(stored(store, RollupTable.STEP, BucketSize.DAY), Instant.parse("2026-11-20T00:00:00Z"),
                RollupTable.STEP, "checkout", "pay", "eu-west");
        assertSameHistogram(histogram(runs.subList(0, 90).stream().map(r -> r.steps().get(2).durationUs()).toList()),
                pay.histogram());
    }

    @Test
    void aPassIsBoundedAndARestartedLeaderCatchesUpWithoutGapsOrDoubles() throws SQLException {
        List<RunResult> runs = new ArrayList<>();
        for (int m = 0; m < 3 * 24 * 60; m += 5) { // every 5 minutes for three days
            runs.add(TestResults.up("checkout", "eu-west", T0.plusSeconds(60L * m), 1_000, 2_000 + m, 3_000));
        }
        writer.write(runs);
        clock.advance(Duration.ofDays(3).plusMinutes(2)); // as if the leader had been down all along

        RollupDeriver.Pass first = deriver.pass(clock.instant());
        assertTrue(first.behind());
        assertTrue(first.minutes() <= RollupDeriver.TRANSACTIONS_PER_PASS * 100, "runs per pass are bounded");
        assertTrue(first.minutes() > 0);
        deriver.pass(clock.instant());
        passUntilCaughtUp(newDeriver()); // the leader restarted, or another instance took over

        long minuteRuns = stored(store, RollupTable.JOURNEY, BucketSize.MINUTE).values().stream()
                .mapToLong(b -> b.of(RollupTable.JOURNEY).values().iterator().next().count(0)).sum();
        assertEquals(runs.size(), minuteRuns, "every run in exactly one minute");
        Map<Instant, Rollups> days = stored(store, RollupTable.JOURNEY, BucketSize.DAY);
        for (Map.Entry<Instant, Rollups> day : days.entrySet()) {
            Instant end = day.getKey().plus(Duration.ofDays(1));
            List<RunResult> inDay = runs.stream()
                    .filter(r -> !r.plannedAt().isBefore(day.getKey()) && r.plannedAt().isBefore(end)).toList();
            Tally tally = day.getValue().of(RollupTable.JOURNEY).get(List.of("checkout", "eu-west"));
            assertEquals(inDay.size(), tally.count(0), "runs of " + day.getKey());
            assertSameHistogram(histogram(durations(inDay)), tally.histogram());
        }
        assertEquals(3, days.size(), "the 20th, 21st and 22nd; the 23rd is not closed");
        assertEquals(new RollupDeriver.Pass(0, 0, 0, 0, 0, false), newDeriver().pass(clock.instant()), "nothing twice");
    }

    @Test
    void aResultReceivedAfterItsMinuteWasDerivedReDerivesTheMinuteHourAndDay() throws SQLException {
        List<RunResult> runs = everyMinute(120);
        clock.advance(Duration.ofHours(3));
        passUntilCaughtUp(deriver);
        Instant minute = T0.plusSeconds(10 * 60); // 22:40, derived with one run
        Instant empty = T0.minusSeconds(5 * 60); // 22:25, derived before T0's runs arrived: no runs
        clock.advance(Duration.ofMinutes(5));

        writer.write(List.of(TestResults.up("checkout", "eu-west", minute.plusSeconds(30), 5_000_000, 1, 1),
                TestResults.up("checkout", "us-east", empty.plusSeconds(1), 7_000_000, 1, 1)));
        RollupDeriver.Pass pass = deriver.pass(clock.instant());
        assertEquals(2, pass.lateMinutes());

        Tally late = tally(stored(store, RollupTable.JOURNEY, BucketSize.MINUTE), minute, RollupTable.JOURNEY,
                "checkout", "eu-west");
        assertEquals(2, late.count(0));
        assertEquals(5_000_002, late.histogram().getMaxValue(), 5_000_002 / 1_000);
        Tally hour = tally(stored(store, RollupTable.JOURNEY, BucketSize.HOUR), Instant.parse("2026-11-20T22:00:00Z"),
                RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(31, hour.count(0));
        Map<Instant, Rollups> days = stored(store, RollupTable.JOURNEY, BucketSize.DAY);
        Tally day = tally(days, Instant.parse("2026-11-20T00:00:00Z"), RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(91, day.count(0));
        List<Long> values = new ArrayList<>(durations(runs.subList(0, 90)));
        values.add(5_000_002L);
        assertSameHistogram(histogram(values), day.histogram());
        assertEquals(1, tally(days, Instant.parse("2026-11-20T00:00:00Z"), RollupTable.JOURNEY, "checkout", "us-east")
                .count(0), "a late run in a minute that had none");

        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, deriver.pass(clock.instant()).lateMinutes(), "re-derived once");
        assertEquals(0, newDeriver().pass(clock.instant()).lateMinutes(), "the check's progress is stored too");
    }

    @Test
    void aResultForAMinuteNotDerivedYetIsNotLate() throws SQLException {
        everyMinute(10);
        clock.advance(Duration.ofMinutes(11));
        deriver.pass(clock.instant()); // minutes to 22:39 (22:30 ... 22:39 had runs until 22:39)
        writer.write(List.of(TestResults.up("checkout", "eu-west", T0.plusSeconds(10 * 60 + 7), 1, 1, 1)));
        clock.advance(Duration.ofMinutes(1));
        RollupDeriver.Pass pass = deriver.pass(clock.instant());
        assertEquals(0, pass.lateMinutes());
        assertEquals(1, pass.minutes());
    }

    @Test
    void journeyDurationsCountCompletedRunsAndStepDurationsStepsWithAResponse() throws SQLException {
        Instant minute = T0;
        writer.write(List.of(
                TestResults.run("checkout", "eu-west", minute.plusSeconds(1), Outcome.UP, 0, 100, 200, 300),
                TestResults.run("checkout", "eu-west", minute.plusSeconds(2), Outcome.DEGRADED, 0, 110, 210, 310),
                TestResults.run("checkout", "eu-west", minute.plusSeconds(3), Outcome.DOWN, 0, 120, 20_000_000, 0),
                TestResults.missed("checkout", "eu-west", minute.plusSeconds(4))));
        clock.advance(Duration.ofMinutes(3));
        deriver.pass(clock.instant());

        Map<Instant, Rollups> minutes = stored(store, RollupTable.JOURNEY, BucketSize.MINUTE);
        Tally journey = tally(minutes, minute, RollupTable.JOURNEY, "checkout", "eu-west");
        assertEquals(List.of(1L, 1L, 1L, 1L), List.of(journey.count(0), journey.count(1), journey.count(2), journey.count(3)));
        assertSameHistogram(histogram(List.of(600L, 630L)), journey.histogram());
        Map<Instant, Rollups> steps = stored(store, RollupTable.STEP, BucketSize.MINUTE);
        Tally search = tally(steps, minute, RollupTable.STEP, "checkout", "search", "eu-west");
        assertEquals(List.of(2L, 1L, 0L), List.of(search.count(0), search.count(1), search.count(2)));
        assertSameHistogram(histogram(List.of(200L, 210L)), search.histogram()); // the timeout got no response
        Tally pay = tally(steps, minute, RollupTable.STEP, "checkout", "pay", "eu-west");
        assertEquals(List.of(1L, 1L, 1L), List.of(pay.count(0), pay.count(1), pay.count(2)));
        assertSameHistogram(histogram(List.of(300L, 310L)), pay.histogram()); // the 503 got a response
    }

    @Test
    void scheduleLatenessIsRolledUpPerLocationWithTheMissedRuns() throws SQLException {
        writer.write(List.of(
                TestResults.run("checkout", "eu-west", T0.plusSeconds(1), Outcome.UP, 1_500, 1, 1, 1),
                TestResults.run("search", "eu-west", T0.plusSeconds(2), Outcome.UP, 40_000, 1, 1, 1),
                TestResults.missed("search", "eu-west", T0.plusSeconds(3)),
                TestResults.run("checkout", "us-east", T0.plusSeconds(4), Outcome.DOWN, 7, 1, 1, 1),
                TestResults.run("checkout", "eu-west", T0.plusSeconds(61), Outcome.UP, 2_500, 1, 1, 1)));
        clock.advance(Duration.ofHours(2));
        passUntilCaughtUp(deriver);

        Tally minute = tally(stored(store, RollupTable.LATENESS, BucketSize.MINUTE), T0, RollupTable.LATENESS, "eu-west");
        assertEquals(1, minute.count(0), "missed");
        assertSameHistogram(histogram(List.of(1_500L, 40_000L)), minute.histogram());
        Tally hour = tally(stored(store, RollupTable.LATENESS, BucketSize.HOUR), Instant.parse("2026-11-20T22:00:00Z"),
                RollupTable.LATENESS, "eu-west");
        assertEquals(1, hour.count(0));
        assertSameHistogram(histogram(List.of(1_500L, 40_000L, 2_500L)), hour.histogram());
        Tally usEast = tally(stored(store, RollupTable.LATENESS, BucketSize.HOUR), Instant.parse("2026-11-20T22:00:00Z"),
                RollupTable.LATENESS, "us-east");
        assertSameHistogram(histogram(List.of(7L)), usEast.histogram());
    }

    @Test
    void nothingIsDerivedBeforeThereAreRuns() throws SQLException {
        assertEquals(new RollupDeriver.Pass(0, 0, 0, 0, 0, false), deriver.pass(clock.instant()));
        assertTrue(stored(store, RollupTable.JOURNEY, BucketSize.MINUTE).isEmpty());
    }
}

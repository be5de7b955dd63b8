package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.leader.MutableClock;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.result.StepResult;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query service on a real database ({@link H2LatencyQueryTest}, {@link PostgresLatencyQueryTest}): 60 hours of
 * runs at two locations, rolled up for the first 40; windows whose edges cut through minutes, hours and days, and
 * that reach into the part not rolled up yet, must give the counts and percentiles of the raw values they hold.
 * The raw runs of hours 5 to 35 are deleted after rolling up, so those parts can only come from rollups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LatencyQueryContract {

    static final Instant T0 = Instant.parse("2026-11-18T20:00:00Z");
    static final Instant NOW = T0.plus(Duration.ofHours(60)).plusSeconds(190);

    @Inject
    DataSource dataSource;
    @Inject
    RunRecords records;
    @Inject
    RunReader reader;
    @Inject
    RollupStore store;
    @Inject
    LatencyQuery query;
    @Inject
    SloClassifier slo;

    private final List<RunResult> runs = new ArrayList<>();

    @BeforeAll
    void rollUpFortyOfSixtyHours() throws SQLException {
        RollupTesting.empty(dataSource);
        Random random = new Random(42);
        int i = 0;
        for (Instant planned = T0.plusSeconds(17); planned.isBefore(T0.plus(Duration.ofHours(60))); i++) {
            for (String location : List.of("eu-west", "us-east")) {
                Instant at = planned.plusSeconds(random.nextInt(60));
                long[] steps = {latency(random, 5_000), latency(random, 40_000), latency(random, 150_000)};
                long late = random.nextInt(3_000);
                runs.add(i % 29 == 0 ? TestResults.missed("checkout", location, at)
                        : i % 13 == 0 ? TestResults.run("checkout", location, at, Outcome.DOWN, late, steps)
                        : i % 7 == 0 ? TestResults.run("checkout", location, at, Outcome.DEGRADED, late, steps)
                        : TestResults.run("checkout", location, at, Outcome.UP, late, steps));
            }
            planned = planned.plusSeconds(11 * 60);
        }
        MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(40)));
        new RunWriter(dataSource, records, clock).write(runs);
        var deriver = new RollupDeriver(store, reader, new RollupConfiguration(Duration.ofMinutes(1)),
                RollupContract.RETENTION, slo);
        while (deriver.pass(clock.instant()).behind()) {
            // catching up on 40 hours
        }
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM runs WHERE planned_at >= ? AND planned_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(T0.plus(Duration.ofHours(5)), ZoneOffset.UTC));
            delete.setObject(2, OffsetDateTime.ofInstant(T0.plus(Duration.ofHours(35)), ZoneOffset.UTC));
            assertTrue(delete.executeUpdate() > 200);
        }
    }

    private static long latency(Random random, long median) {
        return (long) (median * Math.exp(random.nextGaussian() * 0.8));
    }

    /** Windows cutting through minutes, hours and days, into the part not rolled up. */
    @Test
    void mergedRollupsAndRawRunsGiveThePercentilesOfTheRawValues() throws SQLException {
        Instant from = T0.plus(Duration.ofHours(3)).plusSeconds(17 * 60 + 30);
        Instant to = T0.plus(Duration.ofHours(58)).plusSeconds(2 * 60 + 10);
        assertMatchesRawValues(null, null, from, to);
        assertMatchesRawValues(null, "us-east", from, to);
        assertMatchesRawValues("search", null, from, to);
        assertMatchesRawValues("pay", "eu-west", NOW.minus(Duration.ofHours(24)), NOW);
        assertMatchesRawValues(null, null, T0.plus(Duration.ofHours(39)).plusSeconds(55), NOW);
    }

    @Test
    void aShortWindowInThePartNotRolledUpComesFromRawRuns() throws SQLException {
        Instant from = T0.plus(Duration.ofHours(50)).plusSeconds(60);
        assertMatchesRawValues(null, null, from, from.plus(Duration.ofMinutes(150)));
        assertMatchesRawValues("login", "eu-west", from, from.plus(Duration.ofMinutes(150)));
    }

    @Test
    void aWindowWithoutRunsHasZeroCountsAndNoPercentiles() throws SQLException {
        LatencyQuery.Latency latency = query.query("checkout", null, "nowhere", T0, NOW, NOW);
        assertEquals(Map.of("up", 0L, "degraded", 0L, "down", 0L, "error", 0L), latency.counts());
        assertEquals(new LatencyQuery.Percentiles(null, null, null, null, null, null), latency.percentiles());
        assertEquals(0, latency.values());
    }

    /** A chart's buckets in one call, each as if asked alone: edges cut minutes and hours, one holds a whole day. */
    @Test
    void eachWindowOfASeriesGivesThePercentilesOfTheRawValuesItHolds() throws SQLException {
        List<Instant> edges = new ArrayList<>(List.of(T0.plus(Duration.ofHours(1)).plusSeconds(17 * 60 + 30),
                T0.plus(Duration.ofHours(4)), T0.plus(Duration.ofHours(29))));
        for (int hour = 36; hour <= 54; hour += 6) {
            edges.add(T0.plus(Duration.ofHours(hour))); // across the end of the rolled-up part (hour 40)
        }
        edges.add(NOW);
        for (String[] of : new String[][] {{null, null}, {null, "us-east"}, {"search", "eu-west"}}) {
            List<LatencyQuery.Latency> series = query.series("checkout", of[0], of[1], edges, NOW);
            assertEquals(edges.size() - 1, series.size());
            for (int i = 0; i < series.size(); i++) {
                assertMatchesRawValues(of[0], of[1], edges.get(i), edges.get(i + 1), series.get(i));
            }
        }
    }

    @Test
    void everyStepAtAllLocationsAndAtEachComesFromOneRead() throws SQLException {
        Instant from = T0.plus(Duration.ofHours(3)).plusSeconds(17 * 60 + 30);
        Instant to = T0.plus(Duration.ofHours(58)).plusSeconds(2 * 60 + 10);
        LatencyQuery.StepLatencies steps = query.steps("checkout", from, to, NOW);
        for (String step : List.of("login", "search", "pay")) {
            for (String location : Arrays.asList(null, "eu-west", "us-east")) {
                assertMatchesRawValues(step, location, from, to, steps.of(step, location));
            }
        }
        LatencyQuery.Latency none = steps.of("search", "nowhere");
        assertEquals(Map.of("passed", 0L, "failed", 0L, "skipped", 0L), none.counts());
        assertEquals(new LatencyQuery.Percentiles(null, null, null, null, null, null), none.percentiles());
    }

    @Test
    void aSeriesWithoutAWindowIsRefused() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> query.series("checkout", null, null, List.of(NOW), NOW));
        assertTrue(refused.getMessage().contains("two edges"), refused.getMessage());
    }

    private void assertMatchesRawValues(String step, String location, Instant from, Instant to) throws SQLException {
        assertMatchesRawValues(step, location, from, to, query.query("checkout", step, location, from, to, NOW));
    }

    private void assertMatchesRawValues(String step, String location, Instant from, Instant to,
                                        LatencyQuery.Latency latency) {
        List<RunResult> window = runs.stream().filter(r -> !r.plannedAt().isBefore(from) && r.plannedAt().isBefore(to))
                .filter(r -> location == null || r.location().equals(location)).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Long> values = new ArrayList<>();
        if (step == null) {
            List.of("up", "degraded", "down", "error").forEach(c -> counts.put(c, 0L));
            for (RunResult run : window) {
                counts.merge(run.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                if (run.outcome() == Outcome.UP || run.outcome() == Outcome.DEGRADED) {
                    values.add(run.durationUs());
                }
            }
        } else {
            List.of("passed", "failed", "skipped").forEach(c -> counts.put(c, 0L));
            for (StepResult s : window.stream().flatMap(r -> r.steps().stream()).filter(s -> s.name().equals(step)).toList()) {
                counts.merge(s.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                if (s.httpStatus() != null) {
                    values.add(s.durationUs());
                }
            }
        }
        String what = step + " at " + location + " in [" + from + ", " + to + ")";

        assertEquals(counts, latency.counts(), what);
        assertEquals(values.size(), latency.values(), what);
        assertTrue(values.size() > 10, what);
        Histogram union = RollupTesting.histogram(values);
        assertEquals(new LatencyQuery.Percentiles(union.getValueAtPercentile(50), union.getValueAtPercentile(90),
                union.getValueAtPercentile(95), union.getValueAtPercentile(99), union.getValueAtPercentile(99.9),
                union.getMaxValue()), latency.percentiles(), what);
        List<Long> sorted = values.stream().sorted().toList();
        assertWithinPrecision(sorted, 50, latency.percentiles().p50(), what);
        assertWithinPrecision(sorted, 99, latency.percentiles().p99(), what);
        assertWithinPrecision(sorted, 100, latency.percentiles().max(), what);
        assertEquals(from, latency.from());
    }

    /** The nearest-rank percentile of the raw values, up to HdrHistogram's 3 significant digits. */
    private static void assertWithinPrecision(List<Long> sorted, double percentile, long merged, String what) {
        long exact = sorted.get((int) Math.ceil(percentile / 100 * sorted.size()) - 1);
        assertTrue(merged >= exact && merged - exact <= exact / 1_000 + 1,
                "p" + percentile + " " + merged + " vs exact " + exact + " for " + what);
    }
}

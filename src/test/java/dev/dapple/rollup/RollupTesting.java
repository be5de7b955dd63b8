package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/** What the rollup, query and retention tests share: an empty store, reading rollups back, comparing histograms. */
final class RollupTesting {

    static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private RollupTesting() {
    }

    static void empty(DataSource dataSource) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("journey_rollups", "step_rollups", "lateness_rollups", "slo_rollups", "rollup_progress",
                    "rollup_minutes", "runs")) {
                statement.execute("DELETE FROM " + table);
            }
        }
    }

    /** Every stored bucket of one size in one table, by start. */
    static Map<Instant, Rollups> stored(RollupStore store, RollupTable table, BucketSize size) throws SQLException {
        Map<Instant, Rollups> buckets = new TreeMap<>();
        try (Connection connection = store.connection()) {
            store.read(connection, table, size, Instant.EPOCH, FAR_FUTURE, Map.of(),
                    start -> buckets.computeIfAbsent(start, s -> new Rollups()));
        }
        return buckets;
    }

    static Tally tally(Map<Instant, Rollups> buckets, Instant start, RollupTable table, String... key) {
        Rollups bucket = buckets.get(start);
        if (bucket == null || !bucket.of(table).containsKey(List.of(key))) {
            throw new AssertionError("no " + table + " rollup " + List.of(key) + " at " + start + " in " + buckets.keySet());
        }
        return bucket.of(table).get(List.of(key));
    }

    static Histogram histogram(List<Long> values) {
        Histogram histogram = new Histogram(Tally.SIGNIFICANT_DIGITS);
        values.forEach(histogram::recordValue);
        return histogram;
    }

    /** Same values in the same HdrHistogram buckets: every percentile, the count, min and max agree. */
    static void assertSameHistogram(Histogram expected, Histogram actual) {
        assertEquals(expected.getTotalCount(), actual.getTotalCount(), "count");
        assertFalse(expected.getTotalCount() == 0 && actual.getTotalCount() != 0);
        assertEquals(expected.getMinValue(), actual.getMinValue(), "min");
        assertEquals(expected.getMaxValue(), actual.getMaxValue(), "max");
        for (double p = 1; p <= 100; p += 0.5) {
            assertEquals(expected.getValueAtPercentile(p), actual.getValueAtPercentile(p), "p" + p);
        }
    }
}

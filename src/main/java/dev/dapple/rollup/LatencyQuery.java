package dev.dapple.rollup;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.retention.RetentionConfiguration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Counts by outcome and latency percentiles of a journey (or one of its steps), at one location or all, for the
 * runs planned in a window: merged from the rollups that cover it and the raw runs for the rest (see
 * {@link Coverage}). Percentiles come from one merged histogram, never from averaging percentiles.
 */
@Singleton
public final class LatencyQuery {

    /** Percentiles in microseconds (each the highest value HdrHistogram's bucket holds); null without values. */
    public record Percentiles(@Nullable Long p50, @Nullable Long p90, @Nullable Long p95, @Nullable Long p99,
                              @Nullable Long p99_9, @Nullable Long max) {

        static Percentiles of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Percentiles(null, null, null, null, null, null);
            }
            return new Percentiles(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        }
    }

    /**
     * @param from   where the answer starts: the requested start, unless data that old has expired
     * @param counts runs by outcome (up, degraded, down, error) or, for a step, steps (passed, failed, skipped)
     * @param values how many durations the percentiles are taken over
     */
    public record Latency(Instant from, Instant to, Map<String, Long> counts, long values, Percentiles percentiles) {
    }

    private final RollupStore store;
    private final RunReader reader;
    private final RetentionConfiguration retention;
    private final Catalog catalog;

    LatencyQuery(RollupStore store, RunReader reader, RetentionConfiguration retention, Catalog catalog) {
        this.store = store;
        this.reader = reader;
        this.retention = retention;
        this.catalog = catalog;
    }

    /** The runs of {@code journey} (its {@code step} when given; at {@code location} when given) planned in [from, to). */
    public Latency query(String journey, @Nullable String step, @Nullable String location, Instant from, Instant to,
                         Instant now) throws SQLException {
        RollupTable table = step == null ? RollupTable.JOURNEY : RollupTable.STEP;
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("journey", journey);
        if (step != null) {
            filter.put("step", step);
        }
        if (location != null) {
            filter.put("location", location);
        }
        Tally total = new Tally(table.counters().size());
        Coverage coverage;
        try (Connection connection = store.connection()) {
            coverage = Coverage.current(store, connection, retention, from, to, now);
            for (Coverage.Piece piece : coverage.pieces()) {
                Rollups rollups = new Rollups();
                if (piece.size() == null) {
                    for (RunResult run : reader.planned(piece.from(), piece.to(), journey, location)) {
                        rollups.add(run);
                    }
                } else {
                    store.read(connection, table, piece.size(), piece.from(), piece.to(), filter, start -> rollups);
                }
                rollups.of(table).forEach((key, tally) -> {
                    if (matches(table, key, filter)) {
                        total.add(tally);
                    }
                });
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < table.counters().size(); i++) {
            counts.put(table.counters().get(i), total.count(i));
        }
        return new Latency(coverage.start(from), to, counts, total.histogram().getTotalCount(),
                Percentiles.of(total.histogram()));
    }

    private static boolean matches(RollupTable table, List<String> key, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!key.get(table.keyColumns().indexOf(wanted.getKey())).equals(wanted.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A journey is known when it is published or has runs (a deleted journey's history stays queryable). */
    public boolean journeyKnown(String journey) throws SQLException {
        if (catalog.published().stream().anyMatch(j -> j.name().equals(journey))) {
            return true;
        }
        return exists("SELECT 1 FROM runs WHERE journey = ? LIMIT 1", journey);
    }

    /** A step is known when the journey's current definition has it or rollups of it exist. */
    public boolean stepKnown(String journey, String step) throws SQLException {
        for (Journey current : catalog.current()) {
            if (current.name().equals(journey) && current.steps().stream().map(Step::name).anyMatch(step::equals)) {
                return true;
            }
        }
        return exists("SELECT 1 FROM step_rollups WHERE journey = ? AND step = ? LIMIT 1", journey, step);
    }

    private boolean exists(String sql, String... values) throws SQLException {
        try (Connection connection = store.connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setString(i + 1, values[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}

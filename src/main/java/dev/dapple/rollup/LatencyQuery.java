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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        return series(journey, step, location, List.of(from, to), now).getFirst();
    }

    /**
     * {@link #query} for each of consecutive windows [edges[i], edges[i + 1]) (a chart's buckets): one read per rollup
     * size and stretch of adjacent pieces rather than one per window, so a chart costs a few queries, not a hundred.
     */
    public List<Latency> series(String journey, @Nullable String step, @Nullable String location, List<Instant> edges,
                                Instant now) throws SQLException {
        if (edges.size() < 2) {
            throw new IllegalArgumentException("a series needs at least one window: two edges, got " + edges.size());
        }
        RollupTable table = step == null ? RollupTable.JOURNEY : RollupTable.STEP;
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("journey", journey);
        if (step != null) {
            filter.put("step", step);
        }
        if (location != null) {
            filter.put("location", location);
        }
        Read read = read(table, filter, journey, location, edges, now);
        List<Coverage> coverages = read.coverages();
        List<Latency> series = new ArrayList<>(coverages.size());
        for (int i = 0; i < coverages.size(); i++) {
            Tally total = new Tally(table.counters().size());
            for (Coverage.Piece piece : coverages.get(i).pieces()) {
                read.rollups().get(piece).of(table).forEach((key, tally) -> {
                    if (matches(table, key, filter)) {
                        total.add(tally);
                    }
                });
            }
            series.add(latency(table, coverages.get(i).start(edges.get(i)), edges.get(i + 1), total));
        }
        return series;
    }

    /** Each step's {@link Latency} of a journey's runs planned in [from, to), at all its locations and at each. */
    public record StepLatencies(Instant from, Instant to, Map<List<String>, Latency> byStepAndLocation) {

        /** The step's latency at {@code location}, or (null) at all locations; no runs when it has none there. */
        public Latency of(String step, @Nullable String location) {
            Latency found = byStepAndLocation.get(Arrays.asList(step, location));
            return found != null ? found : latency(RollupTable.STEP, from, to, new Tally(RollupTable.STEP.counters().size()));
        }
    }

    /** {@link #query} of every step of {@code journey}, at all locations and at each, from one read of the rollups. */
    public StepLatencies steps(String journey, Instant from, Instant to, Instant now) throws SQLException {
        Read read = read(RollupTable.STEP, Map.of("journey", journey), journey, null, List.of(from, to), now);
        Coverage coverage = read.coverages().getFirst();
        Map<List<String>, Tally> totals = new HashMap<>();
        for (Coverage.Piece piece : coverage.pieces()) {
            read.rollups().get(piece).of(RollupTable.STEP).forEach((key, tally) -> {
                if (key.get(0).equals(journey)) {
                    for (String location : Arrays.asList(key.get(2), null)) {
                        totals.computeIfAbsent(Arrays.asList(key.get(1), location),
                                k -> new Tally(RollupTable.STEP.counters().size())).add(tally);
                    }
                }
            });
        }
        Instant start = coverage.start(from);
        Map<List<String>, Latency> latencies = new HashMap<>();
        totals.forEach((key, total) -> latencies.put(key, latency(RollupTable.STEP, start, to, total)));
        return new StepLatencies(start, to, latencies);
    }

    private static Latency latency(RollupTable table, Instant from, Instant to, Tally total) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int c = 0; c < table.counters().size(); c++) {
            counts.put(table.counters().get(c), total.count(c));
        }
        return new Latency(from, to, counts, total.histogram().getTotalCount(), Percentiles.of(total.histogram()));
    }

    /** The windows' coverages and, for each of their pieces, what it holds. */
    private record Read(List<Coverage> coverages, Map<Coverage.Piece, Rollups> rollups) {
    }

    private Read read(RollupTable table, Map<String, String> filter, String journey, @Nullable String location,
                      List<Instant> edges, Instant now) throws SQLException {
        Map<Coverage.Piece, Rollups> read = new HashMap<>();
        try (Connection connection = store.connection()) {
            List<Coverage> coverages = Coverage.current(store, connection, retention, edges, now);
            for (List<Coverage.Piece> stretch : stretches(coverages)) {
                TreeMap<Instant, Rollups> byStart = new TreeMap<>();
                stretch.forEach(piece -> byStart.put(piece.from(), read.computeIfAbsent(piece, p -> new Rollups())));
                Coverage.Piece first = stretch.getFirst();
                Instant to = stretch.getLast().to();
                if (first.size() == null) {
                    for (RunResult run : reader.planned(first.from(), to, journey, location)) {
                        byStart.floorEntry(run.plannedAt()).getValue().add(run);
                    }
                } else {
                    store.read(connection, table, first.size(), first.from(), to, filter,
                            start -> byStart.floorEntry(start).getValue());
                }
            }
            return new Read(coverages, read);
        }
    }

    /** The windows' pieces grouped into runs of adjacent pieces of one size (raw runs being a size of their own). */
    private static List<List<Coverage.Piece>> stretches(List<Coverage> coverages) {
        Map<BucketSize, List<Coverage.Piece>> bySize = new HashMap<>();
        coverages.forEach(coverage -> coverage.pieces().forEach(
                piece -> bySize.computeIfAbsent(piece.size(), s -> new ArrayList<>()).add(piece)));
        List<List<Coverage.Piece>> stretches = new ArrayList<>();
        for (List<Coverage.Piece> pieces : bySize.values()) {
            pieces.sort(Comparator.comparing(Coverage.Piece::from));
            List<Coverage.Piece> stretch = new ArrayList<>();
            for (Coverage.Piece piece : pieces) {
                if (!stretch.isEmpty() && !stretch.getLast().to().equals(piece.from())) {
                    stretches.add(stretch);
                    stretch = new ArrayList<>();
                }
                stretch.add(piece);
            }
            stretches.add(stretch);
        }
        return stretches;
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

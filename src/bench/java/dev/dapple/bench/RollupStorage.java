package dev.dapple.bench;

import dev.dapple.result.RunResult;
import dev.dapple.rollup.BenchDerivers;
import dev.dapple.rollup.BucketSize;
import dev.dapple.rollup.RollupDeriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Goal (c)'s second half: bytes of rollups on PostgreSQL. Derives them from the stored runs with the real
 * {@link RollupDeriver} (default grace and retention), passing it a time after the runs' last UTC day so every
 * minute, hour and day is derived, runs VACUUM ANALYZE and measures {@code pg_total_relation_size} of the rollup
 * tables. Splitting a table's bytes between minute, hour and day rows gives the steady state under retention: the
 * heap by the rows' own bytes ({@code pg_column_size} plus a line pointer), the indexes by row count, as every row
 * has one entry of about the same size in each.
 */
final class RollupStorage {

    static final List<String> TABLES = List.of("journey_rollups", "step_rollups", "lateness_rollups",
            "slo_rollups", "rollup_minutes", "rollup_progress");
    private static final int STEADY_JOURNEYS = 5;
    /** A UTC midnight, so the steady-state runs fill exactly one day, as every day row but today's holds. */
    private static final Instant STEADY_DAY = Instant.parse("2026-12-01T00:00:00Z");

    private RollupStorage() {
    }

    /** One rollup table's bytes on disk, and its rows by bucket size. */
    record TableSize(String table, long tableBytes, long indexBytes, Map<Integer, Part> parts) {

        long total() {
            return tableBytes + indexBytes;
        }

        long rows() {
            return parts.values().stream().mapToLong(Part::rows).sum();
        }

        /** The bytes on disk of the rows of one bucket size. */
        double bytes(BucketSize size) {
            Part part = parts.get(size.seconds());
            if (part == null) {
                return 0;
            }
            long weight = parts.values().stream().mapToLong(Part::rowBytes).sum();
            return tableBytes * (double) part.rowBytes() / weight + indexBytes * (double) part.rows() / rows();
        }

        long rows(BucketSize size) {
            Part part = parts.get(size.seconds());
            return part == null ? 0 : part.rows();
        }
    }

    /** Rows of one bucket size: their count, their bytes with a line pointer each, and their histograms' bytes. */
    record Part(long rows, long rowBytes, long histogramBytes) {
    }

    /** Derives the rollups of the runs stored from {@code results} and prints their bytes per hour of data. */
    static void perHour(DataSource dataSource, List<RunResult> results) throws SQLException {
        long nanos = derive(dataSource, results.getLast().plannedAt());
        try (Connection c = dataSource.getConnection()) {
            vacuum(c);
            List<TableSize> sizes = sizes(c);
            TableSize journeys = sizes.getFirst();
            long pairs = count(c, "SELECT COUNT(*) FROM (SELECT DISTINCT journey, location FROM journey_rollups) p");
            double pairHours = journeys.rows(BucketSize.MINUTE) / 60.0; // a journey minute row per pair and minute
            double hours = pairHours / pairs;
            System.out.printf("Rollups of these runs (derived in %.1f s): %d journey x location pairs (\"pair\"),"
                            + " planned %s to %s: %.2f h; %,d minute, %,d hour and %,d day rows per pair table%n",
                    nanos / 1e9, pairs, results.getFirst().plannedAt(), results.getLast().plannedAt(), hours,
                    journeys.rows(BucketSize.MINUTE), journeys.rows(BucketSize.HOUR), journeys.rows(BucketSize.DAY));
            System.out.printf("  %-22s %10s %12s %12s %16s%n", "relation", "rows", "bytes", "B/hour",
                    "B/pair-hour");
            long total = 0;
            for (TableSize size : sizes) {
                perHourRow(size.table(), size.rows(), size.total(), hours, pairHours);
                total += size.total();
            }
            perHourRow("total", sizes.stream().mapToLong(TableSize::rows).sum(), total, hours, pairHours);
            System.out.println("  lateness_rollups grow per location and rollup_minutes, rollup_progress not with pairs:"
                    + " their B/pair-hour hold for this data set's journeys per location; the day rows hold partial"
                    + " days");
            System.out.println();
        }
    }

    /**
     * Replaces everything stored by one full UTC day of {@value #STEADY_JOURNEYS} journeys at every location (so
     * day rows hold a whole day, as all but today's do), derives it and prints the bytes each journey x location
     * keeps on disk under the default retention.
     */
    static void steadyState(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            execute(c, "TRUNCATE runs, " + String.join(", ", TABLES));
        }
        int pairs = STEADY_JOURNEYS * StorageBench.LOCATIONS.size();
        List<RunResult> day = StorageBench.typicalRuns(pairs * 1_440, STEADY_JOURNEYS, STEADY_DAY);
        StorageBench.write(dataSource, day);
        long nanos = derive(dataSource, day.getLast().plannedAt());
        try (Connection c = dataSource.getConnection()) {
            vacuum(c);
            Map<String, TableSize> sizes = new LinkedHashMap<>();
            sizes(c).forEach(s -> sizes.put(s.table(), s));
            TableSize journeys = sizes.get("journey_rollups");
            TableSize steps = sizes.get("step_rollups");
            TableSize lateness = sizes.get("lateness_rollups");
            TableSize minutes = sizes.get("rollup_minutes");
            TableSize slo = sizes.get("slo_rollups");
            var retention = BenchDerivers.DEFAULT_RETENTION;
            Map<BucketSize, Duration> kept = Map.of(BucketSize.MINUTE, retention.minuteRollups(),
                    BucketSize.HOUR, retention.hourRollups(), BucketSize.DAY, retention.dayRollups());
            System.out.printf("Rollups at steady state under the default retention (minutes %dd, hours %dd, days %dd),"
                            + " sized from one full UTC day of %d journeys x %d locations (%,d runs, derived in %.1f s)%n",
                    retention.minuteRollups().toDays(), retention.hourRollups().toDays(),
                    retention.dayRollups().toDays(), STEADY_JOURNEYS, StorageBench.LOCATIONS.size(), day.size(),
                    nanos / 1e9);
            System.out.printf("  %-8s %8s %14s %14s %16s %16s%n", "bucket", "kept", "histogram B", "B/pair-bucket",
                    "kept B/pair", "kept B/location");
            double perPair = 0;
            double perLocation = 0;
            double sloPerPair = 0;
            for (BucketSize size : BucketSize.values()) {
                sloPerPair += kept.get(size).dividedBy(size.duration()) * slo.bytes(size) / journeys.rows(size);
                long buckets = kept.get(size).dividedBy(size.duration());
                Part journey = journeys.parts().get(size.seconds());
                Part step = steps.parts().get(size.seconds());
                double histogram = (journey.histogramBytes() + step.histogramBytes())
                        / (double) (journey.rows() + step.rows());
                double pairBucket = (journeys.bytes(size) + steps.bytes(size) + slo.bytes(size)) / journeys.rows(size);
                double locationBucket = lateness.bytes(size) / lateness.rows(size);
                perPair += buckets * pairBucket;
                perLocation += buckets * locationBucket;
                System.out.printf("  %-8s %,8d %14.0f %14.0f %,16.0f %,16.0f%n", size.name().toLowerCase(), buckets,
                        histogram, pairBucket, buckets * pairBucket, buckets * locationBucket);
            }
            double once = minutes.bytes(BucketSize.MINUTE) / minutes.rows(BucketSize.MINUTE)
                    * kept.get(BucketSize.MINUTE).toMinutes() + sizes.get("rollup_progress").total();
            System.out.printf("  %-8s %8s %14s %14s %,16.0f %,16.0f%n", "total", "", "", "", perPair, perLocation);
            System.out.printf("  SLO counts (slo_rollups, counters only: availability, each step's availability and the"
                    + " time slices, default SLO): %,.0f B kept per pair, included above%n", sloPerPair);
            System.out.printf("  per pair = journey (1 row) + its 3 steps (3 rows) + its SLO counts per bucket; per location ="
                            + " lateness_rollups; once: rollup_minutes + rollup_progress %,.0f B%n", once);
            int locations = StorageBench.LOCATIONS.size();
            System.out.printf("  the bench's %d journeys x %d locations: %,.1f MB%n%n", StorageBench.JOURNEYS, locations,
                    (StorageBench.JOURNEYS * locations * perPair + locations * perLocation + once) / 1e6);
        }
    }

    /** Passes as the leader would, at a time after the last run's UTC day plus the grace, until caught up. */
    private static long derive(DataSource dataSource, Instant lastPlanned) throws SQLException {
        RollupDeriver deriver = BenchDerivers.withDefaults(dataSource);
        Instant now = BucketSize.DAY.floor(lastPlanned).plus(BucketSize.DAY.duration())
                .plus(BenchDerivers.DEFAULT_GRACE).plusSeconds(60);
        long start = System.nanoTime();
        for (int i = 0; deriver.pass(now).behind(); i++) {
            if (i == 10_000) {
                throw new IllegalStateException("rollups still behind after 10,000 passes");
            }
        }
        return System.nanoTime() - start;
    }

    private static List<TableSize> sizes(Connection c) throws SQLException {
        List<TableSize> sizes = new ArrayList<>();
        for (String table : TABLES) {
            String bucket = switch (table) {
                case "rollup_minutes" -> "60";
                case "rollup_progress" -> "0";
                default -> "bucket_seconds";
            };
            String histogram = table.endsWith("_rollups") && !table.equals("slo_rollups") ? "octet_length(histogram)" : "0";
            Map<Integer, Part> parts = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + bucket + ", COUNT(*),"
                    + " SUM(pg_column_size(t.*) + 4), SUM(" + histogram + ") FROM " + table + " t GROUP BY 1")) {
                while (rs.next()) {
                    parts.put(rs.getInt(1), new Part(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            sizes.add(new TableSize(table, count(c, "SELECT pg_table_size('" + table + "')"),
                    count(c, "SELECT pg_indexes_size('" + table + "')"), parts));
        }
        return sizes;
    }

    private static void vacuum(Connection c) throws SQLException {
        for (String table : TABLES) {
            execute(c, "VACUUM ANALYZE " + table);
        }
    }

    private static void perHourRow(String what, long rows, long bytes, double hours, double pairHours) {
        System.out.printf("  %-22s %,10d %,12d %,12.0f %,16.1f%n", what, rows, bytes, bytes / hours,
                bytes / pairHours);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

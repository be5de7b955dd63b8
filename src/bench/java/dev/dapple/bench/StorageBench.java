package dev.dapple.bench;

import dev.dapple.leader.MutableClock;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Bytes stored per run (issue goal (c): at most 400 B per 3-step run on PostgreSQL, its steps included). Writes
 * {@code bench.runs} (default 100,000) typical 3-step runs through the real {@link RunWriter} in batches as ingest
 * does, into a fresh PostgreSQL schema migrated by Flyway (dropped afterwards), runs VACUUM ANALYZE and prints
 * heap, index and TOAST bytes per run; then the first {@code bench.h2.runs} (default 10,000; 0 skips it) into an H2
 * file for comparison. About 1% of runs fail with assertion details and a response excerpt. The runs start at 19:00 UTC,
 * so the default's 11.1 hours cross midnight; their rollups are measured too (see {@link RollupStorage}).
 *
 * <pre>./mvnw -B -q test-compile exec:java -Dexec.mainClass=dev.dapple.bench.StorageBench [-Dbench.runs=100000]</pre>
 */
public final class StorageBench {

    private static final int BATCH = 200; // Ingest's batch size
    static final int JOURNEYS = 50;
    static final List<String> LOCATIONS = List.of("eu-west", "us-east", "ap-south");
    private static final Instant T0 = Instant.parse("2026-11-22T19:00:00Z");

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 100_000);
        List<RunResult> results = typicalRuns(runs, JOURNEYS, T0);
        long encoded = results.stream().mapToLong(r -> new RunRecords().toRow(r, T0).detail().length).sum();
        System.out.printf("%,d runs: %d journeys x %d locations every minute, 3 steps each, %.1f%% failing%n",
                runs, JOURNEYS, LOCATIONS.size(),
                100.0 * results.stream().filter(r -> r.outcome() != Outcome.UP).count() / runs);
        System.out.printf("detail column (encoded steps, version, probe): %.1f B per run on average%n%n",
                (double) encoded / runs);
        postgres(results);
        int h2Runs = Integer.getInteger("bench.h2.runs", 10_000); // H2 commits slowly on a busy disk
        if (h2Runs > 0) {
            h2(results.subList(0, Math.min(h2Runs, results.size())));
        }
    }

    private static void postgres(List<RunResult> results) throws Exception {
        String base = env("DAPPLE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("DAPPLE_TEST_POSTGRES_USER", "postgres");
        String schema = "dapple_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection admin = DriverManager.getConnection(base, user, "")) {
            execute(admin, "CREATE SCHEMA " + schema);
            try {
                var dataSource = new PGSimpleDataSource();
                dataSource.setUrl(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
                dataSource.setUser(user);
                long nanos = write(dataSource, results);
                try (Connection c = dataSource.getConnection()) {
                    execute(c, "VACUUM ANALYZE runs");
                    printPostgres(c, results.size(), nanos);
                    printPlans(c, results);
                }
                RollupStorage.perHour(dataSource, results);
                RollupStorage.steadyState(dataSource);
            } finally {
                execute(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void printPostgres(Connection c, int runs, long nanos) throws SQLException {
        System.out.printf("PostgreSQL, %,d runs written in %.1f s%n", runs, nanos / 1e9);
        System.out.printf("  %-38s %12s %10s%n", "relation", "bytes", "B/run");
        long heap = size(c, "SELECT pg_table_size('runs') - COALESCE(pg_total_relation_size(reltoastrelid), 0)"
                + " FROM pg_class WHERE oid = 'runs'::regclass");
        long toast = size(c, "SELECT COALESCE(pg_total_relation_size(reltoastrelid), 0)"
                + " FROM pg_class WHERE oid = 'runs'::regclass");
        long indexes = size(c, "SELECT pg_indexes_size('runs')");
        long total = size(c, "SELECT pg_total_relation_size('runs')");
        row("heap (runs)", heap, runs);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT indexrelid::regclass::text,"
                + " pg_relation_size(indexrelid) FROM pg_index WHERE indrelid = 'runs'::regclass ORDER BY 1")) {
            while (rs.next()) {
                row("  index " + rs.getString(1), rs.getLong(2), runs);
            }
        }
        row("indexes", indexes, runs);
        row("TOAST", toast, runs);
        row("total (pg_total_relation_size)", total, runs);
        System.out.printf("  goal: total <= 400 B/run: %s%n%n", total / (double) runs <= 400 ? "met" : "MISSED");
    }

    /** Which index each of the store's queries uses, so a layout change that loses one shows here. */
    private static void printPlans(Connection c, List<RunResult> results) throws SQLException {
        RunResult run = results.get(results.size() / 2);
        String planned = "'" + run.plannedAt() + "'";
        String minuteLater = "'" + run.plannedAt().plusSeconds(60) + "'";
        var queries = new java.util.LinkedHashMap<String, String>();
        queries.put("by id", "id = '" + run.id() + "'");
        queries.put("planned in a minute (rollups)", "planned_at >= " + planned + " AND planned_at < " + minuteLater);
        queries.put("received since (late results)", "received_at >= " + planned);
        queries.put("a journey's page at a location", "journey = '" + run.journey() + "' AND location = '"
                + run.location() + "' ORDER BY planned_at DESC, id DESC LIMIT 51");
        queries.put("a journey's page, all locations", "journey = '" + run.journey()
                + "' ORDER BY planned_at DESC, id DESC LIMIT 51");
        System.out.println("  query plans (EXPLAIN, scan nodes)");
        for (var query : queries.entrySet()) {
            List<String> scans = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("EXPLAIN (COSTS OFF) SELECT * FROM runs WHERE " + query.getValue())) {
                while (rs.next()) {
                    String line = rs.getString(1).strip().replaceFirst("^->\\s*", "");
                    if (line.contains("Scan")) {
                        scans.add(line);
                    }
                }
            }
            System.out.printf("  %-34s %s%n", query.getKey(), String.join(" / ", scans));
        }
        System.out.println();
    }

    private static void h2(List<RunResult> results) throws Exception {
        Path dir = Files.createTempDirectory("dapple-bench-h2-");
        Path file = dir.resolve("dapple.mv.db");
        try {
            var dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:file:" + dir.resolve("dapple") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
            long nanos = write(dataSource, results);
            try (Connection c = dataSource.getConnection()) {
                execute(c, "SHUTDOWN COMPACT");
            }
            System.out.printf("H2 file, %,d runs written in %.1f s (after SHUTDOWN COMPACT; all tables)%n",
                    results.size(), nanos / 1e9);
            row("dapple.mv.db", Files.size(file), results.size());
            System.out.println();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    static long write(DataSource dataSource, List<RunResult> results) throws SQLException {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var clock = new MutableClock(T0); // received times follow the simulated batches, not the wall clock
        var writer = new RunWriter(dataSource, new RunRecords(), clock);
        long start = System.nanoTime();
        for (int i = 0; i < results.size(); i += BATCH) {
            List<RunResult> batch = results.subList(i, Math.min(results.size(), i + BATCH));
            Instant received = batch.getLast().plannedAt().plusSeconds(2); // shortly after the batch's last run
            clock.advance(Duration.between(clock.instant(), received));
            writer.write(batch);
        }
        return System.nanoTime() - start;
    }

    /** Runs in planned order, as a server receives them: every journey at every location once a minute. */
    static List<RunResult> typicalRuns(int count, int journeys, Instant start) throws Exception {
        var random = new Random(42);
        List<RunResult> runs = new ArrayList<>(count);
        for (int minute = 0; runs.size() < count; minute++) {
            for (int j = 0; j < journeys && runs.size() < count; j++) {
                String journey = "journey-" + j;
                Instant planned = start.plusSeconds(60L * minute).plusMillis(j * 1_000L); // phase spread
                for (String location : LOCATIONS) {
                    if (runs.size() < count) {
                        runs.add(run(journey, location, planned, random));
                    }
                }
            }
        }
        return runs;
    }

    private static RunResult run(String journey, String location, Instant planned, Random random) throws Exception {
        boolean fails = random.nextInt(100) == 0;
        var login = passed(0, "login", random);
        var search = fails ? failedSearch(random) : passed(1, "search", random);
        var checkout = fails
                ? new StepResult(2, "checkout", StepOutcome.SKIPPED, null, null, null, null, null, null, null,
                        List.of(), null, null, null, 0)
                : passed(2, "checkout", random);
        long duration = login.durationUs() + search.durationUs() + (fails ? 0 : checkout.durationUs()) + 900;
        return new RunResult(RunIds.of(journey, location, planned), journey, version(journey), location,
                "probe-" + location, planned, planned.plusMillis(random.nextInt(5)), duration,
                fails ? Outcome.DOWN : Outcome.UP, fails ? ErrorKind.ASSERTION : null,
                fails ? "step search failed: status == 200: found 503" : null, List.of(login, search, checkout));
    }

    /** A fresh connection over TLS, as a probe makes by default, and a short JSON answer. */
    private static StepResult passed(int index, String name, Random random) {
        long dns = 300 + random.nextInt(2_000);
        long connect = 500 + random.nextInt(3_000);
        long tls = 5_000 + random.nextInt(20_000);
        long firstByte = 20_000 + random.nextInt(200_000);
        return new StepResult(index, name, StepOutcome.PASSED, dns + connect + tls + firstByte + 300, dns, connect, tls,
                firstByte, true, 200, List.of(), null, null, "{\"ok\":true,\"items\":[1,2,3]}", 1);
    }

    private static StepResult failedSearch(Random random) {
        long firstByte = 100_000 + random.nextInt(900_000);
        return new StepResult(1, "search", StepOutcome.FAILED, firstByte + 20_000, 800L, 1_500L, 12_000L, firstByte,
                true, 503, List.of(new StepResult.AssertionFailure("status == 200", "200", "503"),
                        new StepResult.AssertionFailure("$.items exists", "present", null)),
                ErrorKind.ASSERTION, "status == 200: found 503 (and 1 more)",
                "{\"error\":\"upstream unavailable\",\"detail\":\"" + "x".repeat(200) + "\"}", 1);
    }

    private static String version(String journey) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(journey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }

    private static void row(String what, long bytes, int runs) {
        System.out.printf("  %-38s %,12d %10.1f%n", what, bytes, bytes / (double) runs);
    }

    private static long size(Connection c, String sql) throws SQLException {
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package dev.dapple.bench;

import dev.dapple.slo.SloEvaluator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Server time to render dashboard pages over a big store (issue 8's goal: at most 100 ms p95 for the overview and a
 * journey page with 1,000 journeys). Seeds {@link DashboardSeed} into a fresh H2 file (or a fresh schema of the
 * PostgreSQL database {@code -Dbench.postgres=jdbc:postgresql://...}), starts the server in-process on it with the
 * background jobs off (as in tests: only rendering is timed), lets the real SLO evaluator write the snapshots once,
 * then GETs each path {@code bench.warmup} times and times {@code bench.requests} sequential GETs of it from a client
 * on the same machine.
 *
 * <pre>./mvnw -B -q test-compile exec:java -Dexec.mainClass=dev.dapple.bench.DashboardBench
 *     [-Dbench.journeys=1000] [-Dbench.days=30] [-Dbench.paths=/,/journeys/journey-0001,/map,/status]</pre>
 */
public final class DashboardBench {

    public static void main(String[] args) throws Exception {
        int journeys = Integer.getInteger("bench.journeys", 1_000);
        int days = Integer.getInteger("bench.days", 30);
        int warmup = Integer.getInteger("bench.warmup", 30);
        int requests = Integer.getInteger("bench.requests", 200);
        List<String> paths = List.of(System.getProperty("bench.paths", "/,/journeys/journey-0001").split(","));
        String postgres = System.getProperty("bench.postgres", "");
        Path dir = Files.createTempDirectory("dapple-dashboard-bench-");
        Instant now = Instant.now();
        Map<String, Object> properties = new HashMap<>(Map.of("micronaut.server.port", -1,
                "dapple.probe.embedded", false, "dapple.data-dir", dir.toString(),
                "dapple.journeys.dir", dir.resolve("journeys").toString()));
        String schema = "dapple_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        DataSource dataSource;
        if (postgres.isBlank()) {
            String url = "jdbc:h2:file:" + dir.resolve("dapple") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH";
            var h2 = new JdbcDataSource();
            h2.setURL(url);
            dataSource = h2;
            properties.put("dapple.db.url", url);
        } else {
            String user = System.getProperty("bench.postgres.user", "postgres");
            execute(postgres, user, "CREATE SCHEMA " + schema);
            String url = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            var pg = new PGSimpleDataSource();
            pg.setUrl(url);
            pg.setUser(user);
            dataSource = pg;
            properties.put("dapple.db.url", url);
            properties.put("dapple.db.user", user);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            long seeding = System.nanoTime();
            new DashboardSeed(journeys, days, now).seed(dataSource);
            System.out.printf("Seeded %,d journeys (3 steps, 2 locations) with %d days of hourly rollups in %.1f s"
                    + " (%s)%n", journeys, days, (System.nanoTime() - seeding) / 1e9,
                    postgres.isBlank() ? "H2 file" : "PostgreSQL");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST)) {
                long evaluating = System.nanoTime();
                var outcome = server.getApplicationContext().getBean(SloEvaluator.class).pass(now);
                System.out.printf("SLO evaluator wrote %,d snapshots in %.1f s%n", outcome.evaluated(),
                        (System.nanoTime() - evaluating) / 1e9);
                print(server, paths, warmup, requests);
            }
        } finally {
            if (!postgres.isBlank()) {
                execute(postgres, System.getProperty("bench.postgres.user", "postgres"),
                        "DROP SCHEMA " + schema + " CASCADE");
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(EmbeddedServer server, List<String> paths, int warmup, int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("%n%d cores, %s %s; %d sequential GETs per path after %d warm-up GETs%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), requests, warmup);
        System.out.println("| path | p50 ms | p95 ms | p99 ms | max ms | bytes |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                    .header("Accept", "text/html").build();
            HttpResponse<byte[]> first = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (first.statusCode() != 200) {
                System.out.printf("| %s | not available (HTTP %d) | | | | |%n", path, first.statusCode());
                continue;
            }
            for (int i = 0; i < warmup; i++) {
                http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            long[] nanos = new long[requests];
            int bytes = 0;
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                nanos[i] = System.nanoTime() - start;
                bytes = response.body().length;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %,d |%n", path, ms(nanos, 0.50),
                    ms(nanos, 0.95), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, bytes);
        }
        System.out.println();
        System.out.println("Goal: p95 <= 100 ms for / and /journeys/{name} with 1,000 journeys.");
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static void execute(String url, String user, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

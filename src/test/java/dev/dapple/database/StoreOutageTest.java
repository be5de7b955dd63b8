package dev.dapple.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.result.Ingest;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database really goes away: a PostgreSQL database of its own stops accepting connections and its sessions are
 * ended, as when a database server is lost. {@code /health} turns 503 with the store DOWN and ingest's waiting results
 * in its details, results accepted meanwhile wait, and when the database takes connections again {@code /health} is
 * 200 and every result is stored.
 */
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "set DAPPLE_TEST_POSTGRES_URL to run the PostgreSQL tests")
class StoreOutageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir; // its own ingest buffer: results left by a failed run must not reach another test

    private final String database = "dapple_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private EmbeddedServer server;

    @AfterEach
    void dropDatabase() throws SQLException {
        if (server != null) {
            server.getApplicationContext().close();
        }
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void healthFollowsTheDatabaseAndResultsWaitForIt() throws Exception {
        admin("CREATE DATABASE " + database);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "dapple.data-dir", dataDir.toString(),
                "dapple.db.url", url(),
                "dapple.db.user", TestStores.postgresUser(),
                "dapple.probe.embedded", "false",
                // Waiting for a connection ends quickly, so /health answers fast while the database is away.
                "datasources.default.connection-timeout", "500"), Environment.TEST);
        Ingest ingest = server.getApplicationContext().getBean(Ingest.class);
        assertEquals(200, health().statusCode());

        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        List<RunResult> results = List.of(run(0), run(1), run(2));
        results.forEach(ingest::accept);

        await("/health reports the store down with the waiting results", () -> {
            HttpResponse<String> health = health();
            Map<String, Object> store = store(health);
            return health.statusCode() == 503 && "DOWN".equals(store.get("status"))
                    && pending(store) == 3 && details(store).get("ingestWrites").equals("failing");
        });
        assertEquals("PostgreSQL", details(store(health())).get("vendor"));

        admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        await("the store is back and every result stored", () -> health().statusCode() == 200 && stored() == 3);
        Map<String, Object> details = details(store(health()));
        assertEquals(0, pending(store(health())));
        assertEquals("ok", details.get("ingestWrites"));
    }

    private String url() {
        String base = TestStores.postgresUrl();
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        return path.substring(0, path.lastIndexOf('/') + 1) + database + (query < 0 ? "" : base.substring(query));
    }

    private static RunResult run(int minute) {
        Instant planned = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(60L * minute);
        return new RunResult(RunIds.of("checkout", "local", planned), "checkout", "h1", "local", "test", planned,
                planned, 120_000L, Outcome.UP, null, null, List.of());
    }

    private long stored() {
        try (Connection connection = DriverManager.getConnection(url(), TestStores.postgresUser(), "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM runs")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private HttpResponse<String> health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> store(HttpResponse<String> health) {
        try {
            Map<String, Object> body = server.getApplicationContext().getBean(JsonMapper.class)
                    .readValue(health.body(), Map.class);
            return (Map<String, Object>) ((Map<String, Object>) body.get("details")).get("store");
        } catch (IOException e) {
            throw new AssertionError(health.body(), e);
        }
    }

    private static long pending(Map<String, Object> store) {
        return ((Number) details(store).get("ingestPending")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> store) {
        return (Map<String, Object>) store.get("details");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestStores.postgresUrl(), TestStores.postgresUser(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}

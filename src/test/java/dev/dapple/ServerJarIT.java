package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as a newcomer meets it: start, health, demo, a CLI command beside the server, restart, bad database. */
class ServerJarIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void startsServesHealthAndDemoAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("DAPPLE_PORT", String.valueOf(port));
        Path dataDir = workDir.resolve("data");

        try (JarProcess server = JarProcess.start(workDir, env)) {
            String startLine = server.awaitLine("Dapple is running", START_TIMEOUT);
            assertTrue(startLine.contains("dashboard at http://localhost:" + port + "/"), startLine);
            assertTrue(startLine.contains("admin token from " + dataDir.resolve("admin.token")), startLine);

            HttpResponse<String> health = get(port, "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"store\""), health.body());
            assertEquals(200, get(port, "/demo/shop/").statusCode());

            // A second process opens the same H2 file while the server runs (AUTO_SERVER): this test's JVM ...
            String url = "jdbc:h2:file:" + dataDir.resolve("dapple") + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
            try (var connection = DriverManager.getConnection(url, "", "")) {
                var insert = connection.prepareStatement("INSERT INTO runs (id, journey, location, planned_at,"
                        + " outcome, received_at, detail) VALUES ('" + java.util.UUID.randomUUID() + "', 'kept',"
                        + " 'local', CURRENT_TIMESTAMP, 'UP', CURRENT_TIMESTAMP, ?)");
                insert.setBytes(1, dev.dapple.result.RunDetailCodec.encode(
                        new dev.dapple.result.RunDetailCodec.Detail("h1", "test", null, null, java.util.List.of())));
                insert.executeUpdate();
            }
            // ... and a command of the same jar.
            JarProcess status = JarProcess.run(workDir, Map.of(), "db", "status");
            assertEquals(0, status.awaitExit(Duration.ofSeconds(1)), String.join("\n", status.output()));
            assertTrue(status.output().contains("runs      1 stored"), String.join("\n", status.output()));

            int exit = server.stop();
            assertTrue(exit == 0 || exit == 143, "SIGTERM ends the server (128 + 15), got " + exit);
            assertTrue(server.output().stream().noneMatch(line -> line.contains(" ERROR ")),
                    "a clean stop logs no error:\n" + String.join("\n", server.output()));
        }

        String token = Files.readString(dataDir.resolve("admin.token"));
        try (JarProcess again = JarProcess.start(workDir, env)) {
            again.awaitLine("Dapple is running", START_TIMEOUT);
            assertEquals(200, get(port, "/health").statusCode());
            JarProcess status = JarProcess.run(workDir, Map.of(), "db", "status");
            assertTrue(status.output().contains("runs      1 stored"), "the data survived the restart");
            assertEquals(token, Files.readString(dataDir.resolve("admin.token")), "and so did the admin token");
            again.stop();
        }
    }

    @Test
    void readsApplicationYmlFromTheWorkingDirectoryAndStopsOnABadChannel() throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("DAPPLE_PORT", String.valueOf(port));
        Files.writeString(workDir.resolve("application.yml"), """
                dapple:
                  channels:
                    oncall:
                      type: slack
                      url: http://127.0.0.1:9/services/T0/B0/x
                  alert:
                    defaults:
                      low: [oncall]
                """);
        try (JarProcess server = JarProcess.start(workDir, env)) {
            server.awaitLine("Dapple is running", START_TIMEOUT);
            HttpResponse<String> channels = get(port, "/api/channels");
            assertEquals(200, channels.statusCode(), channels.body());
            assertTrue(channels.body().contains("\"name\":\"oncall\""), channels.body());
            assertFalse(channels.body().contains("services/T0"), "a webhook URL is a secret: " + channels.body());
            server.stop();
        }

        Files.writeString(workDir.resolve("application.yml"), """
                dapple:
                  channels:
                    oncall:
                      type: slak
                """);
        try (JarProcess server = JarProcess.start(workDir, env)) {
            int exit = server.awaitExit(START_TIMEOUT);
            String output = String.join("\n", server.output());
            assertTrue(exit != 0, output);
            assertTrue(output.contains("dapple.channels.oncall.type must be one of"), output);
            assertTrue(output.contains("(did you mean 'slack'?)"), output);
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheStartWithOneClearLine() throws Exception {
        Map<String, String> env = Map.of(
                "DAPPLE_PORT", String.valueOf(JarProcess.freePort()),
                "DAPPLE_DB_URL", "jdbc:postgresql://127.0.0.1:" + JarProcess.freePort() + "/dapple?password=hunter2",
                "DAPPLE_DB_USER", "dapple",
                "DAPPLE_DB_PASSWORD", "correct-horse");
        for (String[] args : List.of(new String[0], new String[] {"db", "status"})) {
            JarProcess jar = JarProcess.run(workDir, env, args);
            List<String> lines = jar.output().stream().filter(line -> !line.isBlank()).toList();
            assertEquals(2, jar.awaitExit(Duration.ofSeconds(1)), String.join("\n", lines));
            assertEquals(1, lines.size(), "one line, no stack trace:\n" + String.join("\n", lines));
            String line = lines.getFirst();
            assertTrue(line.startsWith("dapple: cannot open the database at jdbc:postgresql://127.0.0.1:"), line);
            assertTrue(line.contains("password=****"), line);
            assertFalse(line.contains("hunter2") || line.contains("correct-horse"), "no password in: " + line);
        }
    }

    @Test
    void anUnknownCommandSaysSoAndShowsUsage() throws Exception {
        JarProcess jar = JarProcess.run(workDir, Map.of(), "frobnicate");
        assertEquals(2, jar.awaitExit(Duration.ofSeconds(1)));
        assertTrue(jar.output().getFirst().contains("Unmatched argument at index 0: 'frobnicate'"), jar.output().toString());
        assertTrue(jar.output().stream().anyMatch(line -> line.startsWith("Usage: dapple")), jar.output().toString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

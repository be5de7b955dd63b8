package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.result.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path in the packaged jar, as a newcomer runs it: a fresh data dir, the demo journey published from a
 * journeys dir, the embedded probe running it on schedule, ingest storing the runs, and the read API and
 * /prometheus showing them. The demo journey runs every 10 s here (its file says 1m) against this server's port.
 */
class MonitoringJarIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Path DEMO = Path.of("journeys", "demo", "checkout.yaml").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void theDemoJourneyRunsOnScheduleAndShowsInTheApiAndMetrics() throws Exception {
        int port = JarProcess.freePort();
        Path journeys = Files.createDirectories(workDir.resolve("journeys"));
        String demo = Files.readString(DEMO)
                .replace("http://localhost:8080/", "http://localhost:" + port + "/")
                .replace("interval: 1m", "interval: 10s")
                .replace("timeout: 20s", "timeout: 5s");
        Files.writeString(journeys.resolve("checkout.yaml"), demo);
        Map<String, String> env = Map.of("DAPPLE_PORT", String.valueOf(port), "DAPPLE_JOURNEYS_DIR", journeys.toString());

        try (JarProcess server = JarProcess.start(workDir, env)) {
            server.awaitLine("Dapple is running", START_TIMEOUT);

            // Two scheduled runs: the first within one interval of publishing, the next one interval later.
            String runs = await(port, "/api/journeys/demo-checkout/runs?location=local",
                    body -> count(body, "\"plannedAt\"") >= 2, Duration.ofSeconds(60));
            Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(runs);
            assertTrue(id.find(), runs);
            HttpResponse<String> run = get(port, "/api/runs/" + id.group(1));
            assertEquals(200, run.statusCode(), run.body());
            assertTrue(run.body().contains("\"steps\":[{\"index\":0,\"name\":\"login\""), run.body());

            HttpResponse<String> list = get(port, "/api/journeys");
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("\"name\":\"demo-checkout\""), list.body());
            assertTrue(list.body().matches("(?s).*\"current\":\\[\\{\"location\":\"local\".*\"outcome\":\"(UP|DEGRADED)\".*"),
                    "the demo shop is up, so the current outcome is UP or DEGRADED (flaky recommendations): " + list.body());

            HttpResponse<String> latency = get(port, "/api/journeys/demo-checkout/latency?window=5m");
            assertEquals(200, latency.statusCode(), latency.body());
            assertTrue(latency.body().matches("(?s).*\"p50\":[0-9.]+.*\"p99\":[0-9.]+.*"), latency.body());

            HttpResponse<String> metrics = get(port, "/prometheus");
            assertEquals(200, metrics.statusCode());
            PrometheusText exposition = PrometheusText.parse(metrics.body()); // strict: throws on a malformed line
            String[] series = {"journey", "demo-checkout", "location", "local"};
            assertTrue(exposition.value("dapple_journey_duration_seconds_count", series) >= 1, metrics.body());
            assertTrue(exposition.value("dapple_journey_up", series) >= 0.5, metrics.body());
            assertNotNull(exposition.value("dapple_schedule_lateness_seconds_count", "location", "local"));
            assertNotNull(exposition.value("dapple_probe_running_runs", "location", "local"));
            double counted = exposition.samples("dapple_journey_runs_total").stream()
                    .filter(s -> "demo-checkout".equals(s.labels().get("journey"))).mapToDouble(s -> s.value()).sum();
            assertTrue(counted >= 2, metrics.body());

            int exit = server.stop();
            assertTrue(exit == 0 || exit == 143, "SIGTERM ends the server, got " + exit);
        }
    }

    private String await(int port, String path, Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = get(port, path);
        while (response.statusCode() != 200 || !done.test(response.body())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting on " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            Thread.sleep(500);
            response = get(port, path);
        }
        return response.body();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Journey files, results and a scrape of {@code /prometheus} for the metrics tests. */
final class MetricsTestSupport {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MetricsTestSupport() {
    }

    /** A folder with the journeys the tests meter: all run in eu-west only, so the server's own probe runs none. */
    static Path journeys(String... names) {
        try {
            Path dir = Files.createTempDirectory("dapple-metrics-journeys");
            for (String name : names) {
                write(dir, name);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path dir, String name) throws IOException {
        Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\ninterval: 10m\nlocations: [eu-west]\n"
                + "steps:\n"
                + "  - name: login\n    get: http://127.0.0.1:9/login\n"
                + "  - name: search\n    get: http://127.0.0.1:9/search\n"
                + "  - name: pay\n    get: http://127.0.0.1:9/pay\n");
    }

    /** A result in eu-west planned {@code minute} minutes after T0, started {@code lateMillis} late (null: never). */
    static RunResult run(String journey, int minute, Outcome outcome, Long durationMillis, Long lateMillis,
                         StepResult... steps) {
        return run(journey, "eu-west", minute, outcome, durationMillis, lateMillis, steps);
    }

    static RunResult run(String journey, String location, int minute, Outcome outcome, Long durationMillis,
                         Long lateMillis, StepResult... steps) {
        Instant planned = T0.plusSeconds(60L * minute);
        return new RunResult(RunIds.of(journey, location, planned), journey, "h1", location, "test", planned,
                lateMillis == null ? null : planned.plusMillis(lateMillis),
                durationMillis == null ? null : durationMillis * 1_000, outcome,
                outcome == Outcome.ERROR ? ErrorKind.MISSED : null, null, List.of(steps));
    }

    static StepResult step(int index, String name, StepOutcome outcome, Long durationMillis, Integer status) {
        return new StepResult(index, name, outcome, durationMillis == null ? null : durationMillis * 1_000, null, null,
                null, null, null, status, List.of(), status == null && outcome == StepOutcome.FAILED
                ? ErrorKind.CONNECTION_REFUSED : null, null, null, 1);
    }

    /** Scrapes the server and parses the exposition strictly. */
    static PrometheusText scrape(EmbeddedServer server) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getPort() + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
            return PrometheusText.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

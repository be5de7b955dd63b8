package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunRepository;
import dev.dapple.result.RunResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/journeys/{name}/run} on a real server whose embedded probe follows a real journeys folder, against
 * a real HTTP target. Journeys run daily, so the schedule stays out of the way; the probe has one run slot, so a
 * slow manual run saturates it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunNowTest implements TestPropertyProvider {

    private static final String TOKEN = "run-now-admin-token";
    private static final String LOCATION = "test-here";

    private JourneyTarget target;
    private Path journeys;

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Catalog catalog;
    @Inject
    RunRepository runs;

    @Override
    public Map<String, String> getProperties() {
        try {
            target = JourneyTarget.http();
            journeys = Files.createTempDirectory("dapple-run-now-");
            write("ping.yaml", journey("ping", "/cart"));
            write("slow.yaml", journey("slow", "/delay?ms=1000"));
            write("legacy.yaml", journey("legacy", "/text"));
            Path secrets = Files.createTempDirectory("dapple-run-now-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("dapple.journeys.dir", journeys.toString(), "dapple.journeys.poll-interval", "100ms",
                    "dapple.probe.location", LOCATION, "dapple.probe.max-concurrent-runs", "1",
                    "dapple.secrets-dir", secrets.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void published() {
        await("the journeys are published", () -> catalog.published().size() == 3);
    }

    @AfterAll
    void stopTarget() {
        target.close();
    }

    @Test
    void runsThePublishedJourneyOnceNowAtTheProbesLocationWithoutStoringIt() {
        target.clear();

        HttpResponse<RunResult> answer = client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/ping/run", "").bearerAuth(TOKEN), RunResult.class);

        assertEquals(HttpStatus.OK, answer.getStatus());
        assertNull(answer.header(RunNowController.WARNING_HEADER));
        RunResult result = answer.body();
        assertEquals("ping", result.journey());
        assertEquals(LOCATION, result.location());
        assertEquals(Outcome.UP, result.outcome(), result.toString());
        assertEquals(200, result.steps().getFirst().httpStatus());
        assertEquals("/cart", target.last().path());
        assertEquals(hash(journey("ping", "/cart")), result.journeyVersion());
        assertFalse(runs.existsById(result.id()), "a manual run is not part of the schedule and is not stored");
    }

    @Test
    void withoutTheAdminTokenNothingRuns() {
        target.clear();

        var refused = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/api/journeys/ping/run", "")));

        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertTrue(target.received().isEmpty());
    }

    @Test
    void anUnknownJourneyIsNotFoundWithTheNearestName() {
        var refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/pnig/run", "").bearerAuth(TOKEN)));

        assertEquals(HttpStatus.NOT_FOUND, refused.getStatus());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertEquals("no published journey named 'pnig' (did you mean 'ping'?); published: legacy, ping, slow",
                refused.getResponse().getBody(Map.class).orElseThrow().get("detail"));
    }

    @Test
    void aJourneyWhoseFileIsNowInvalidRunsItsLastValidVersionAndSaysSo() throws IOException {
        String source = journeys.resolve("legacy.yaml").toString();
        write("legacy.yaml", "name: legacy\nintervall: 1d\n");
        await("the error is published", () -> catalog.errors().stream().anyMatch(e -> e.path().equals(source)));

        HttpResponse<RunResult> answer = client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/legacy/run", "").bearerAuth(TOKEN), RunResult.class);

        assertEquals(HttpStatus.OK, answer.getStatus());
        String version = hash(journey("legacy", "/text"));
        assertEquals(version, answer.body().journeyVersion());
        assertEquals(Outcome.UP, answer.body().outcome());
        assertEquals("the journey's file is invalid; this ran its last valid version " + version
                + " (errors: GET /api/journeys/legacy)", answer.header(RunNowController.WARNING_HEADER));
    }

    @Test
    void aSaturatedProbeRefusesWithServiceUnavailableInsteadOfQueueingPastTheCap() {
        target.clear();
        CompletableFuture<HttpResponse<RunResult>> slow = CompletableFuture.supplyAsync(() -> client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/slow/run", "").bearerAuth(TOKEN), RunResult.class));
        await("the slow run holds the only run slot",
                () -> target.received().stream().anyMatch(r -> r.path().equals("/delay")));

        var refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/ping/run", "").bearerAuth(TOKEN)));

        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, refused.getStatus());
        assertEquals("1", refused.getResponse().header("Retry-After"));
        assertTrue(refused.getResponse().getBody(Map.class).orElseThrow().get("detail").toString()
                .contains("dapple.probe.max-concurrent-runs"));
        assertEquals(Outcome.UP, slow.join().body().outcome());
    }

    private String journey(String name, String path) {
        return "name: " + name + "\ninterval: 1d\nsteps:\n  - name: get\n    get: " + target.base() + path
                + "\n    expect: [status == 200]\n";
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(journeys.resolve(file), text, StandardCharsets.UTF_8);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}

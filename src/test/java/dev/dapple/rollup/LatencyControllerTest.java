package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.http.Problem;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The latency endpoint through a real embedded server, on runs of the last hour (nothing rolled up yet). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatencyControllerTest {

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RunWriter writer;
    @Inject
    DataSource dataSource;
    @Inject
    PublishedJourneyRepository published;

    private final List<RunResult> runs = new ArrayList<>();

    @BeforeAll
    void runsOfTheLastHour() throws SQLException {
        RollupTesting.empty(dataSource);
        Instant now = Instant.now();
        for (int i = 1; i <= 40; i++) {
            Instant planned = now.minus(Duration.ofMinutes(i));
            String location = i % 2 == 0 ? "eu-west" : "us-east";
            runs.add(TestResults.run("checkout", location, planned, i % 10 == 0 ? Outcome.DOWN : Outcome.UP, 500,
                    1_000L * i, 20_000 + 100L * i, 30_000));
        }
        writer.write(runs);
        published.save(new PublishedJourney("fresh", "h1", "journeys/fresh.yaml", now));
    }

    private Map<?, ?> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private Map<?, ?> problem(String uri, HttpStatus status) {
        var error = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(uri, Map.class));
        assertEquals(status, error.getStatus());
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString());
        return error.getResponse().getBody(Map.class).orElseThrow();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    @Test
    void countsAndPercentilesInMillisecondsOfAJourney() {
        Map<?, ?> latency = get("/api/journeys/checkout/latency?window=24h");

        assertEquals("checkout", latency.get("journey"));
        assertTrue(latency.containsKey("step") && latency.get("step") == null, "step is shown as null");
        assertNull(latency.get("location"));
        assertEquals("24h", latency.get("window"));
        assertEquals(Duration.ofHours(24), Duration.between(Instant.parse((String) latency.get("from")),
                Instant.parse((String) latency.get("to"))));
        assertEquals(Map.of("up", 36, "degraded", 0, "down", 4, "error", 0), latency.get("counts"));
        Histogram up = RollupTesting.histogram(runs.stream().filter(r -> r.outcome() == Outcome.UP)
                .map(RunResult::durationUs).toList());
        Map<?, ?> percentiles = (Map<?, ?>) latency.get("percentiles");
        assertEquals(ms(up, 50), ((Number) percentiles.get("p50")).doubleValue());
        assertEquals(ms(up, 99.9), ((Number) percentiles.get("p99_9")).doubleValue());
        assertEquals(up.getMaxValue() / 1_000.0, ((Number) percentiles.get("max")).doubleValue());
        assertEquals(36, latency.get("values"));
    }

    @Test
    void oneStepAtOneLocation() {
        Map<?, ?> latency = get("/api/journeys/checkout/latency?window=1h&step=search&location=eu-west");

        assertEquals("search", latency.get("step"));
        assertEquals("eu-west", latency.get("location"));
        assertEquals(Map.of("passed", 16, "failed", 4, "skipped", 0), latency.get("counts"), "every tenth run is DOWN");
        Histogram search = RollupTesting.histogram(runs.stream().filter(r -> r.location().equals("eu-west"))
                .map(r -> r.steps().get(1)).filter(s -> s.httpStatus() != null).map(s -> s.durationUs()).toList());
        assertEquals(ms(search, 90), ((Number) ((Map<?, ?>) latency.get("percentiles")).get("p90")).doubleValue());
    }

    @Test
    void theWindowDefaultsToADayAndEmptyParametersMeanAll() {
        Map<?, ?> latency = get("/api/journeys/checkout/latency?step=&location=");
        assertEquals("24h", latency.get("window"));
        assertNull(latency.get("step"));
        assertEquals(40, ((Map<?, ?>) latency.get("counts")).values().stream().mapToInt(c -> (Integer) c).sum());
    }

    @Test
    void aShortWindowHoldsOnlyItsRuns() {
        Map<?, ?> latency = get("/api/journeys/checkout/latency?window=5m");
        assertEquals("5m", latency.get("window"));
        assertEquals(4, ((Map<?, ?>) latency.get("counts")).values().stream().mapToInt(c -> (Integer) c).sum(),
                "planned 1 to 4 minutes ago");
    }

    @Test
    void aPublishedJourneyWithoutRunsHasZeroCountsAndNullPercentiles() {
        Map<?, ?> latency = get("/api/journeys/fresh/latency?window=7d");
        assertEquals(Map.of("up", 0, "degraded", 0, "down", 0, "error", 0), latency.get("counts"));
        Map<?, ?> percentiles = (Map<?, ?>) latency.get("percentiles");
        assertEquals(6, percentiles.size());
        assertTrue(percentiles.values().stream().allMatch(v -> v == null), percentiles.toString());
    }

    @Test
    void aBadWindowIsA400Problem() {
        assertEquals("window must be a duration from 5m to 400d like 1h, 24h or 28d, not 'yesterday'",
                problem("/api/journeys/checkout/latency?window=yesterday", HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("window must be from 5m to 400d, not 4m",
                problem("/api/journeys/checkout/latency?window=4m", HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("window must be from 5m to 400d, not 401d",
                problem("/api/journeys/checkout/latency?window=401d", HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals(400, problem("/api/journeys/checkout/latency?window=-5m", HttpStatus.BAD_REQUEST).get("status"));
    }

    @Test
    void aTooLongParameterIsA400Problem() {
        assertEquals("location must be at most 100 characters long",
                problem("/api/journeys/checkout/latency?location=" + "x".repeat(101), HttpStatus.BAD_REQUEST)
                        .get("detail"));
    }

    @Test
    void anUnknownJourneyOrStepIsA404Problem() {
        assertEquals("no journey named 'nope' (not published, no runs)",
                problem("/api/journeys/nope/latency", HttpStatus.NOT_FOUND).get("detail"));
        assertEquals("journey 'checkout' has no step named 'refund'",
                problem("/api/journeys/checkout/latency?step=refund", HttpStatus.NOT_FOUND).get("detail"));
    }
}

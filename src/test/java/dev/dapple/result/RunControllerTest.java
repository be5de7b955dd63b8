package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.http.Problem;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runs API through a real embedded server and HTTP client, errors included. */
@MicronautTest(transactional = false)
@Property(name = "dapple.probe.embedded", value = "false")
class RunControllerTest {

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RunWriter writer;
    @Inject
    RunRepository runs;
    @Inject
    PublishedJourneyRepository journeys;

    private final List<RunResult> stored = new ArrayList<>();

    @BeforeEach
    void store() throws SQLException {
        runs.deleteAll();
        journeys.deleteAll();
        stored.clear();
        for (int minute = 0; minute < 5; minute++) {
            stored.add(minute == 2 ? TestRuns.missed("checkout", minute) : TestRuns.run("checkout", minute));
        }
        writer.write(stored);
    }

    @Test
    void aRunIsServedAsTheProbeReportedIt() {
        RunResult run = stored.get(1);
        RunResult served = client.toBlocking().retrieve(HttpRequest.GET("/api/runs/" + run.id()), RunResult.class);
        assertEquals(run, served);

        Map<?, ?> json = client.toBlocking().retrieve(HttpRequest.GET("/api/runs/" + run.id()), Map.class);
        assertEquals("DOWN", json.get("outcome"));
        assertEquals("2026-11-23T10:01:00Z", json.get("plannedAt"));
        assertEquals(3, ((List<?>) json.get("steps")).size());
    }

    @Test
    void anUnknownRunIs404AndAMalformedId400() {
        assertProblem(HttpStatus.NOT_FOUND, "/api/runs/" + new UUID(1, 2), "no run with id");
        assertProblem(HttpStatus.BAD_REQUEST, "/api/runs/not-a-uuid", "'not-a-uuid' is not a run id");
    }

    @Test
    void aJourneysRunsArePagedNewestFirst() {
        Map<?, ?> first = get("/api/journeys/checkout/runs?limit=2");
        List<?> page = (List<?>) first.get("runs");
        assertEquals(2, page.size());
        assertEquals("2026-11-23T10:04:00Z", ((Map<?, ?>) page.get(0)).get("plannedAt"));
        assertEquals(3, ((List<?>) ((Map<?, ?>) page.get(0)).get("steps")).size(), "with its step results");
        String next = (String) first.get("next");

        Map<?, ?> second = get(UriBuilder.of("/api/journeys/checkout/runs").queryParam("limit", 2)
                .queryParam("cursor", next).toString());
        assertEquals("2026-11-23T10:02:00Z", ((Map<?, ?>) ((List<?>) second.get("runs")).get(0)).get("plannedAt"));
        Map<?, ?> last = get("/api/journeys/checkout/runs?limit=2&cursor=" + second.get("next"));
        assertEquals(1, ((List<?>) last.get("runs")).size());
        assertFalse(last.containsKey("next") && last.get("next") != null, "no next on the last page");
    }

    @Test
    void filtersApply() {
        Map<?, ?> page = get("/api/journeys/checkout/runs?outcome=error&location=eu-west"
                + "&from=2026-11-23T10:00:00Z&to=2026-11-23T10:05:00Z");
        List<?> runs = (List<?>) page.get("runs");
        assertEquals(1, runs.size());
        assertEquals("ERROR", ((Map<?, ?>) runs.get(0)).get("outcome"));
        assertNull(page.get("next"));
        assertEquals(List.of(), get("/api/journeys/checkout/runs?location=us-east").get("runs"));
    }

    @Test
    void aPublishedJourneyWithoutRunsHasAnEmptyPageAndAnUnknownOneIs404() {
        journeys.save(new PublishedJourney("quiet", "h1", "journeys/quiet.yaml", TestRuns.T0));
        assertEquals(List.of(), get("/api/journeys/quiet/runs").get("runs"));
        assertProblem(HttpStatus.NOT_FOUND, "/api/journeys/nothing/runs", "no journey named 'nothing'");
    }

    @Test
    void badParametersAre400ProblemsThatSayWhy() {
        String runs = "/api/journeys/checkout/runs";
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?outcome=SIDEWAYS", "outcome must be one of [UP, DEGRADED");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?limit=0", "limit must be between 1 and 500, got 0");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?limit=501", "limit must be between 1 and 500, got 501");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?limit=ten", "limit must be a whole number");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?from=yesterday", "from must be an ISO-8601 instant");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?to=2026-11-23", "to must be an ISO-8601 instant");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?from=2026-11-23T10:00:00Z&to=2026-11-23T10:00:00Z",
                "from (2026-11-23T10:00:00Z) must be before to");
        assertProblem(HttpStatus.BAD_REQUEST, runs + "?cursor=bogus", "malformed cursor 'bogus'");
    }

    private Map<?, ?> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private void assertProblem(HttpStatus status, String uri, String detailStart) {
        var error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET(uri), Map.class), uri);
        assertEquals(status, error.getStatus(), uri);
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString(), uri);
        Map<?, ?> problem = error.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(status.getCode(), problem.get("status"));
        assertTrue(((String) problem.get("detail")).startsWith(detailStart), uri + ": " + problem.get("detail"));
    }
}

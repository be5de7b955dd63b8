package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The run page over HTTP, against a stored run of a published journey. */
@MicronautTest(transactional = false)
@Property(name = "dapple.probe.embedded", value = "false")
class RunPageControllerTest {

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogWriter catalog;
    @Inject
    RunWriter runs;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStoredRunShowsItsStepsAssertionsAndVersion() throws Exception {
        Instant now = Instant.now();
        catalog.write(new CatalogWriter.Scan(List.of(new CatalogWriter.Candidate("checkout", DashboardRuns.VERSION,
                "journeys/checkout.yaml", DashboardRuns.JOURNEY)), List.of(), Set.of()), now);
        List<RunResult> stored = DashboardRuns.runs(now, 1);
        runs.write(stored);
        RunResult failed = stored.stream().filter(r -> r.outcome() == Outcome.DOWN).findFirst().orElseThrow();

        HttpResponse<String> page = get("/runs/" + failed.id());
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("<dd data-fact=\"outcome\">DOWN</dd>"), html);
        assertTrue(html.contains("<dd data-fact=\"journey\">checkout</dd>"), html);
        assertTrue(html.contains("<a href=\"/journeys/checkout\">checkout</a>"), html);
        assertTrue(html.contains("<tr data-step=\"search\">"), html);
        assertTrue(html.contains("<td data-fact=\"step-status\">FAILED</td>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"step-duration\">200 ms</td>"), html);
        assertTrue(html.contains("<td data-fact=\"expected\">&lt; 400</td>"), html);
        assertTrue(html.contains("<td data-fact=\"actual\">500</td>"), html);
        assertTrue(html.contains("<tr data-assertion=\"status == 200\">"), "login's assertion, from the version");
        assertTrue(html.contains("<code>a1b2c3d4e5f6</code>\n         (published now)"), html);
        assertTrue(html.contains("<pre>{\"error\":\"boom\"}</pre>"), "the stored excerpt: " + html);
        assertTrue(html.contains("name: checkout"), "the definition that ran");
    }

    @Test
    void anUnknownRunIsAnHtml404AndAMalformedIdA400() throws Exception {
        HttpResponse<String> unknown = get("/runs/" + new UUID(1, 2));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("No run with id 00000000-0000-0001-0000-000000000002 is stored"),
                unknown.body());
        HttpResponse<String> malformed = get("/runs/not-a-run");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("'not-a-run' is not a run id"), malformed.body());
        assertTrue(malformed.body().contains("<a href=\"/\">Back to the overview</a>"), malformed.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.slo.SloEvaluator;
import dev.dapple.slo.SloSnapshot;
import dev.dapple.slo.SloSnapshots;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The journey page over HTTP: a published journey, stored runs, a real SLO evaluation. */
@MicronautTest(transactional = false)
@Property(name = "dapple.probe.embedded", value = "false")
class JourneyPageControllerTest {

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogWriter catalog;
    @Inject
    RunWriter runs;
    @Inject
    SloEvaluator evaluator;
    @Inject
    SloSnapshots snapshots;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJourneysPageShowsItsSnapshotStepsFunnelAndRuns() throws Exception {
        Instant now = Instant.now();
        catalog.write(new CatalogWriter.Scan(List.of(new CatalogWriter.Candidate("checkout", DashboardRuns.VERSION,
                "journeys/checkout.yaml", DashboardRuns.JOURNEY)), List.of(), Set.of()), now);
        HttpResponse<String> fresh = get("/journeys/checkout");
        assertEquals(200, fresh.statusCode());
        assertTrue(fresh.body().contains("Not evaluated yet."), "published, never evaluated: " + fresh.body());

        List<RunResult> stored = DashboardRuns.runs(now, 30);
        runs.write(stored);
        evaluator.pass(now);
        Double sli = snapshots.status("checkout").orElseThrow().sli();

        HttpResponse<String> page = get("/journeys/checkout?window=1h");
        assertEquals(200, page.statusCode());
        assertEquals("text/html", page.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        String html = page.body();
        assertTrue(html.contains("<dd data-fact=\"sli\">" + Display.percent(sli) + "</dd>"), html);
        assertTrue(html.contains("<dd data-fact=\"target\">99%</dd>"), html);
        RunResult newest = stored.stream().max(Comparator.comparing(RunResult::plannedAt)
                .thenComparing(RunResult::id)).orElseThrow();
        assertTrue(html.contains("<tr data-run=\"" + newest.id() + "\">"), html);
        assertTrue(html.contains("<a href=\"/runs/" + newest.id() + "\">"), html);
        // 60 runs; 3 failed at search (minutes 0, 10, 20 at eu-west) and skipped pay
        assertTrue(html.contains("Of 60 runs,"), html);
        assertTrue(html.contains("most broke at step <strong>search</strong>"), html);
        assertTrue(html.contains("<tr data-funnel=\"pay\"><th scope=\"row\">pay</th>\n"
                + "              <td class=\"num\" data-fact=\"passed\">57</td>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"p95\">100 ms</td>"), "login's p95: " + html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"p95\">200 ms</td>"), "search's p95: " + html);
        assertTrue(html.contains("status &lt; 400: found 500 (3×)"), "search's most common error: " + html);
        assertTrue(html.contains("<tr data-step=\"search\" data-location=\"eu-west\">"), html);
        assertTrue(html.contains(">eu-west · 90%</text>"), "the strip's row gives the location's availability");
        assertBurnDownEndsAtTheSnapshotsBudget(html);
        assertTrue(html.contains("<a href=\"/journeys/checkout?window=1h\" aria-current=\"true\">1h</a>"), html);
        for (String window : List.of("24h", "7d", "28d")) {
            String longer = get("/journeys/checkout?window=" + window).body();
            assertTrue(longer.contains("Of 60 runs,"), "every window holds the same runs: " + longer);
        }
    }

    @Test
    void anUnknownJourneyIsAnHtml404AndABadWindowA400() throws Exception {
        HttpResponse<String> unknown = get("/journeys/nope");
        assertEquals(404, unknown.statusCode());
        assertEquals("text/html", unknown.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(unknown.body().contains("No journey named 'nope' is published."), unknown.body());
        assertTrue(unknown.body().contains("<a href=\"/\">Back to the overview</a>"), unknown.body());

        HttpResponse<String> window = get("/journeys/nope?window=2h");
        assertEquals(400, window.statusCode());
        assertTrue(window.body().contains("The window must be one of 1h, 24h, 7d, 28d, not '2h'."),
                window.body());
    }

    /** 3 bad of 60 runs against 1% allowed: 0.6 allowed bad runs, so the budget ends at 1 − 3 / 0.6 = −400%. */
    private void assertBurnDownEndsAtTheSnapshotsBudget(String html) throws Exception {
        SloSnapshot snapshot = snapshots.all().getFirst();
        assertEquals(-4.0, snapshot.budgetRemaining(), 1e-9);
        int start = html.indexOf("<svg class=\"chart\"", html.indexOf("Error budget burn-down"));
        Element chart = Svgs.parse(html.substring(start, html.indexOf("</svg>", start) + 6)).getDocumentElement();
        assertTrue(chart.getAttribute("aria-label").endsWith(": -400% at the last evaluation"),
                chart.getAttribute("aria-label"));
        String[] points = ((Element) chart.getElementsByTagName("polyline").item(0)).getAttribute("points").split(" ");
        assertEquals("64,22", points[0], "a full budget at the window's start");
        assertEquals("628,196", points[points.length - 1], "the snapshot's budget at its end, the lowest point");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** run.jte against a fixed run and the journey version it ran: steps, waterfall, assertions and the version. */
class RunTemplateTest {

    static final Instant PLANNED = Instant.parse("2026-12-03T11:58:00Z");
    static final UUID ID = UUID.fromString("0b7a4c3e-1111-4222-8333-444455556666");
    static final String YAML = """
            name: checkout
            interval: 1m
            steps:
              - name: login
                get: https://shop.example.com/login
                expect: [status == 200]
              - name: search
                get: https://shop.example.com/search
                expect: [status < 400, $.items exists, duration < 800ms]
              - name: pay
                get: https://shop.example.com/pay
            """;

    static RunResult run() {
        var login = new StepResult(0, "login", StepOutcome.PASSED, 150_000L, 1_000L, 2_000L, 30_000L, 90_000L, true,
                200, List.of(), null, null, "{\"token\":\"***\"}", 1);
        var search = new StepResult(1, "search", StepOutcome.FAILED, 80_123L, null, 1_200L, null, 40_000L, false, 500,
                List.of(new StepResult.AssertionFailure("status < 400", "< 400", "500"),
                        new StepResult.AssertionFailure("$.items exists", "present", null)),
                ErrorKind.ASSERTION, "status < 400: found 500 (and 1 more)", "{\"error\":\"<boom>\"}", 1);
        var pay = new StepResult(2, "pay", StepOutcome.SKIPPED, null, null, null, null, null, null, null, List.of(),
                null, null, null, 0);
        return new RunResult(ID, "checkout", "3f2a9c0d1e2f3a4b5c6d", "eu-west", "embedded", PLANNED,
                PLANNED.plusMillis(3), 230_123L, Outcome.DOWN, ErrorKind.ASSERTION, "search failed",
                List.of(login, search, pay));
    }

    static Journey journey() {
        var parsed = JourneyParser.parse("journeys/checkout.yaml", YAML.getBytes(StandardCharsets.UTF_8),
                Path.of("journeys/checkout.yaml"));
        return ((ParseResult.Parsed) parsed).journey();
    }

    static RunDetailPage page() {
        return RunPages.page(run(), true, new RunDetailPage.Version("3f2a9c0d1e2f3a4b5c6d", PLANNED.minusSeconds(86400),
                false, YAML), journey(), Clock.fixed(PLANNED.plusSeconds(120), ZoneOffset.UTC));
    }

    @Test
    void eachStepShowsItsStatusDurationAndAssertions() {
        String html = Templates.render("run", Map.of("page", page()));
        assertTrue(html.contains("<dd data-fact=\"outcome\">DOWN</dd>"), html);
        assertTrue(html.contains("<dd data-fact=\"journey\">checkout</dd>"), html);
        assertTrue(html.contains("<a href=\"/journeys/checkout\">checkout</a>"), "links back: " + html);
        assertTrue(html.contains("<tr data-step=\"login\">"), html);
        assertTrue(html.contains("<td data-fact=\"step-status\">PASSED</td>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"step-duration\">150 ms</td>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"step-duration\">80 ms</td>"), html);
        assertTrue(html.contains("<td data-fact=\"step-status\">SKIPPED</td>"), html);
        assertTrue(html.contains("DNS 1 ms · connect 2 ms · TLS 30 ms · first byte 90 ms"), html);
        assertTrue(html.contains("<tr data-assertion=\"status &lt; 400\"><th scope=\"row\"><code>status &lt; 400</code>"
                + "</th>\n                  <td class=\"error\">failed</td>"), html);
        assertTrue(html.contains("<td data-fact=\"expected\">&lt; 400</td>"), html);
        assertTrue(html.contains("<td data-fact=\"actual\">500</td>"), html);
        assertTrue(html.contains("<tr data-assertion=\"duration &lt; 800ms\">"), "passed ones are listed: " + html);
        assertTrue(html.contains("<td>held</td>"), html);
        assertTrue(html.contains("<pre>{\"error\":\"&lt;boom&gt;\"}</pre>"), "the excerpt is escaped: " + html);
        assertTrue(html.contains("assertion: search failed"), html);
        assertTrue(html.contains("<code>3f2a9c0d1e2f</code>"), html);
        assertTrue(html.contains("(not the version published now)"), html);
        assertTrue(html.contains("role=\"img\" aria-label=\"Steps of run " + ID), html);
        assertTrue(html.contains("2 min ago"), html);
    }

    @Test
    void theWaterfallPutsStepsOneAfterAnotherAndShadesByOutcome() {
        Waterfall waterfall = page().waterfall();
        assertEquals(List.of(0L, 150_000L, 230_123L), waterfall.bars().stream().map(Waterfall.Bar::offsetUs).toList());
        assertEquals(List.of(Health.UP, Health.DOWN, Health.NO_DATA),
                waterfall.bars().stream().map(Waterfall.Bar::health).toList());
        assertEquals("failed in 80 ms", waterfall.bars().get(1).text());
    }

    @Test
    void withoutTheVersionOnlyTheFailedAssertionsAreKnown() {
        RunDetailPage page = RunPages.page(run(), false, new RunDetailPage.Version("gone", null, false, null), null,
                Clock.systemUTC());
        assertEquals(List.of("status < 400", "$.items exists"),
                page.steps().get(1).assertions().stream().map(RunDetailPage.AssertionView::assertion).toList());
        assertEquals(List.of(), page.steps().get(0).assertions());
        String html = Templates.render("run", Map.of("page", page));
        assertTrue(html.contains("is no longer published"), html);
        assertTrue(html.contains("Version <code>gone</code> is no longer stored"), html);
    }

    @Test
    void aMissedRunSaysItNeverStarted() {
        RunResult missed = new RunResult(ID, "checkout", "h", "eu-west", "embedded", PLANNED, null, null,
                Outcome.ERROR, ErrorKind.MISSED, "the probe was saturated", List.of());
        String html = Templates.render("run", Map.of("page", RunPages.page(missed, true,
                new RunDetailPage.Version("h", null, true, null), null, Clock.systemUTC())));
        assertTrue(html.contains("<dd data-fact=\"outcome\">ERROR</dd>"), html);
        assertTrue(html.contains("never (the run was missed)"), html);
        assertTrue(html.contains("it never started (missed)"), html);
        assertTrue(html.contains("(published now)"), html);
    }

    @Test
    void theProblemPageSaysWhatIsUnknownAndLinksBack() {
        String html = Templates.render("problem", Map.of("page", new ProblemPage(404, "Unknown run",
                "No run with id x is stored.", "/", "Back to the overview")));
        assertTrue(html.contains("<h1>Unknown run</h1>"), html);
        assertTrue(html.contains("No run with id x is stored."), html);
        assertTrue(html.contains("<a href=\"/\">Back to the overview</a>"), html);
    }
}

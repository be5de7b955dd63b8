package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.maintenance.Annotation;
import dev.dapple.slo.BurnRateRule;
import dev.dapple.slo.FiringBurnAlert;
import dev.dapple.slo.JourneyState;
import dev.dapple.slo.SloReport;
import dev.dapple.slo.SloSnapshot;
import dev.dapple.slo.SloWindow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** journey.jte against fixed data: the key facts appear, in words and figures. */
class JourneyTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final UUID RUN = UUID.fromString("0b7a4c3e-1111-4222-8333-444455556666");

    static SloSnapshot snapshot() {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("1h", 20.0);
        rates.put("6h", 2.5);
        rates.put("1d", null);
        var figures = new SloReport.Figures(1600, 1596, 4, 0.9975, 0.005, 8.0, 0.5, rates,
                new SloReport.ExhaustionView("in", 3600L * 16, NOW.plusSeconds(3600L * 16)));
        var availability = new SloReport.ObjectiveReport("availability", 99.5, null, "occurrences", figures,
                Map.of(), List.of());
        var latency = new SloReport.ObjectiveReport("latency", 99.0, 800L, "occurrences",
                new SloReport.Figures(1590, 1580, 10, 0.99371, 0.01, 15.9, 0.371, Map.of(),
                        new SloReport.ExhaustionView("never", null, null)), Map.of(), List.of());
        var window = new SloWindow("rolling", null, NOW.minusSeconds(28L * 86400), NOW, "28d", 28L * 86400);
        var report = new SloReport("checkout", NOW, window, List.of(availability, latency),
                new SloReport.ProcessAvailability(0.9975, List.of(new SloReport.StepAvailability("login", 1600, 1600,
                        0, 1.0), new SloReport.StepAvailability("pay", 1600, 1596, 4, 0.9975))));
        var alert = new FiringBurnAlert("checkout", "availability", "page-1h", BurnRateRule.Urgency.PAGE,
                NOW.minusSeconds(300), 20.0, 14.4, false);
        return new SloSnapshot("checkout", NOW, JourneyState.BURNING, null, 0.9975, 0.5, 20.0, List.of(alert),
                report);
    }

    static JourneyPage page() {
        LineChart burnDown = new LineChart("budget", NOW.minusSeconds(86400), NOW, List.of(new LineChart.Series(
                "budget left", List.of(new LineChart.Point(NOW.minusSeconds(86400), 1.0),
                new LineChart.Point(NOW, 0.5)))), List.of(), List.of(), Display::percent);
        LineChart durations = new LineChart("Duration percentiles", NOW.minusSeconds(86400), NOW, List.of(
                new LineChart.Series("p95", List.of(new LineChart.Point(NOW, 240.0)))), List.of(), List.of(),
                Display::millis);
        Strip strip = new Strip("Availability per location", NOW.minusSeconds(86400), NOW, List.of(new Strip.Row(
                "eu-west · 99.75%", List.of(new Strip.Cell(NOW.minusSeconds(3600), NOW, Health.DEGRADED, "x")))));
        return new JourneyPage("checkout", "Buy a thing", "team-payments", "critical", "https://wiki/run",
                PageWindow.DAY, NOW, NOW.minusSeconds(86400), Health.DEGRADED,
                SloPanels.panel(snapshot(), burnDown), strip, durations,
                List.of(new JourneyPage.StepRow("login", StepTables.ALL, 100, 120.0, 245.4, 900.0, 1500.0, 0.0, null),
                        new JourneyPage.StepRow("pay", StepTables.ALL, 100, 300.0, 1240.0, 2000.0, 2500.0, 0.04,
                                "status 500 is not < 400 (4×)")),
                StepTables.funnel(100, List.of(new JourneyPage.FunnelStep("login", 100, 0, 0),
                        new JourneyPage.FunnelStep("pay", 96, 4, 0))),
                List.of(new JourneyPage.RecentRun(RUN, NOW.minusSeconds(120), "eu-west", "DOWN", 1_300_000L,
                        "pay failed")),
                List.of(new JourneyPage.IncidentRow(7, NOW.minusSeconds(900), null, List.of("eu-west"), 4, false)),
                List.of(new Annotation(1, "deploy 1.4", NOW.minusSeconds(3600), NOW.minusSeconds(3000), List.of(),
                        NOW)));
    }

    @Test
    void theSloPanelShowsTheSnapshotsFiguresAndWords() {
        String html = Templates.render("journey", Map.of("page", page()));
        assertTrue(html.contains("<dd data-fact=\"sli\">99.75%</dd>"), html);
        assertTrue(html.contains("<dd data-fact=\"target\">99.5%</dd>"), html);
        assertTrue(html.contains("<dd data-fact=\"budget-remaining\">50%</dd>"), html);
        assertTrue(html.contains("4 of 8 allowed failed runs spent (1600 valid runs in the window)."), html);
        assertTrue(html.contains("The 99.5% objective allows 3 h 21 min of downtime in 28 d."), html);
        assertTrue(html.contains("the budget runs out in 16 h (2026-12-04 04:00:00 UTC)"), html);
        assertTrue(html.contains("page-1h on availability: burn rate 20× (threshold 14.4×)"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"workflow\">99.75%</td>"), html);
        assertTrue(html.contains("step pay</th><td class=\"num\">99.75%</td>"), html);
        assertTrue(html.contains("latency below 800 ms"), "every objective is listed: " + html);
        assertTrue(html.contains("<td class=\"num\">2.5×</td>"), html);
        assertTrue(html.contains("<span class=\"state state-degraded\" data-fact=\"state\">Degraded</span>"), html);
    }

    @Test
    void stepsFunnelRunsAndIncidentsAppearWithTheirFigures() {
        String html = Templates.render("journey", Map.of("page", page()));
        assertTrue(html.contains("<td class=\"num\" data-fact=\"p95\">245 ms</td>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"p95\">1.24 s</td>"), html);
        assertTrue(html.contains("status 500 is not &lt; 400 (4×)"), "errors are escaped: " + html);
        assertTrue(html.contains("Of 100 runs,"), html);
        assertTrue(html.contains("most broke at step <strong>pay</strong>"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"passed\">96</td>"), html);
        assertTrue(html.contains("<tr data-run=\"" + RUN + "\">"), html);
        assertTrue(html.contains("<a href=\"/runs/" + RUN + "\">"), html);
        assertTrue(html.contains("<td data-fact=\"outcome\">DOWN</td>"), html);
        assertTrue(html.contains("2 min ago"), "times have a relative age: " + html);
        assertTrue(html.contains("<tr data-incident=\"7\">"), html);
        assertTrue(html.contains("deploy 1.4 (2026-12-03 11:00:00 UTC"), html);
        assertTrue(html.contains("<a href=\"/journeys/checkout?window=7d\">7d</a>"), html);
        assertTrue(html.contains("<a href=\"/journeys/checkout?window=24h\" aria-current=\"true\">24h</a>"), html);
        assertTrue(html.contains("role=\"img\" aria-label=\"Duration percentiles\""), "charts are inlined: " + html);
        assertTrue(html.contains("Each cell is 1 h:"), "the strip's legend is in words: " + html);
        assertTrue(html.contains("hx-trigger=\"every 15s\""), "the journey page refreshes itself");
        assertTrue(html.contains("<a href=\"/\" aria-current=\"page\">Overview</a>"), html);
    }

    @Test
    void emptyStatesSayWhatToDoNext() {
        JourneyPage full = page();
        LineChart none = new LineChart("Duration percentiles", full.from(), NOW, List.of(), List.of(), List.of(),
                Display::millis);
        JourneyPage empty = new JourneyPage("quiet", "", "", "high", null, PageWindow.HOUR, NOW, full.from(),
                Health.NO_DATA, null, new Strip("a", full.from(), NOW, List.of()), none, List.of(),
                StepTables.funnel(0, List.of()), List.of(), List.of(), List.of());
        String html = Templates.render("journey", Map.of("page", empty));
        assertTrue(html.contains("Not evaluated yet."), html);
        assertTrue(html.contains("No runs in the last 1h. Check that a probe serves"), html);
        assertTrue(html.contains("No completed runs in the last 1h"), html);
        assertTrue(html.contains("No incidents in the last 1h."), html);
        assertFalse(html.contains("data-fact=\"sli\""), "no figure is invented");
        assertTrue(html.contains("<span class=\"state state-nodata\" data-fact=\"state\">No data</span>"), html);
    }

    @Test
    void panelWordsForEdgeCases() {
        var none = new SloReport.Figures(0, 0, 0, null, 0.001, 0, null, Map.of(), new SloReport.ExhaustionView(
                "unknown", null, null));
        assertEquals("No valid runs in the SLO window yet: the budget is unknown until runs arrive.",
                SloPanels.budgetWords(none));
        var over = new SloReport.Figures(1000, 980, 20, 0.98, 0.01, 10, -1.0, Map.of(), new SloReport.ExhaustionView(
                "exhausted", null, null));
        assertEquals("Overspent: 20 of 10 allowed failed runs spent (1000 valid runs in the window).",
                SloPanels.budgetWords(over));
        assertEquals("The budget is spent: act on reliability before new risk.",
                SloPanels.exhaustionWords(over.exhaustion()));
        assertEquals("Too few runs in the last hour to project when the budget runs out.",
                SloPanels.exhaustionWords(none.exhaustion()));
        var month = new SloWindow("month", "Europe/Berlin", NOW, NOW, "31d", 31L * 86400);
        assertEquals("calendar month in Europe/Berlin", SloPanels.windowText(month));
        assertEquals("The 99.9% objective allows 44 min of downtime in 31 d.", SloPanels.downtimeWords(99.9, month));
    }
}

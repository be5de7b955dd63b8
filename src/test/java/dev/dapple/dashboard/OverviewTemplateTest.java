package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.JourneyError;
import dev.dapple.result.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OverviewTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");
    static final OverviewPage.About ABOUT = new OverviewPage.About("H2 jdbc:h2:mem:x", true);

    static OverviewPage.Row checkout() {
        return new OverviewPage.Row("checkout", "team-payments", List.of("shop"), Health.DOWN,
                "https://wiki.example.com/runbooks/checkout", NOW.minusSeconds(720),
                List.of(new OverviewPage.LocationOutcome("eu-west", Outcome.DOWN, NOW.minusSeconds(50)),
                        new OverviewPage.LocationOutcome("us-east", Outcome.UP, NOW.minusSeconds(40))),
                0.98765, "99.5%", "28d", -0.25, 14.4, 1234.0, NOW.minusSeconds(40));
    }

    static OverviewPage.Row search() {
        return new OverviewPage.Row("search", "team-payments", List.of(), Health.UP, null, null,
                List.of(new OverviewPage.LocationOutcome("eu-west", Outcome.UP, NOW.minusSeconds(30))),
                0.9999, "99.9%", "this month", 0.8, 0.2, 245.0, NOW.minusSeconds(30));
    }

    @Test
    void showsCountsEveryJourneyWithItsFactsInWordsAndTheBrokenFiles() {
        var page = new OverviewPage(NOW, new OverviewPage.Counts(1, 0, 0, 1, 1, 2), "owner", null,
                List.of("team-payments"), List.of(new OverviewPage.Group("team-payments", List.of(checkout(), search()))),
                2, List.of(new JourneyError("journeys/bad.yaml", 3, 7, "unknown key 'gett'")), NOW.minusSeconds(7200),
                NOW.minusSeconds(3600), "journeys", ABOUT);
        String html = Templates.render("overview", Map.of("page", page));

        assertTrue(html.contains("<li data-fact=\"count-down\"><span class=\"state state-down\">1 Down</span>"), html);
        assertTrue(html.contains("<li data-fact=\"count-up\"><span class=\"state state-up\">1 Up</span>"), html);
        assertTrue(html.contains("<li data-fact=\"count-degraded\"><span class=\"state state-degraded\">0 Degraded"), html);
        assertTrue(html.contains("<li data-fact=\"open-incidents\"><a href=\"/incidents\">1 open incident</a>"), html);
        assertTrue(html.contains("<li data-fact=\"probes-silent\"><a href=\"/probes\">2 locations silent (no live probe)"), html);

        String row = row(html, "checkout");
        assertTrue(row.contains("<a href=\"/journeys/checkout\">checkout</a>"), row);
        assertTrue(row.contains("<td data-fact=\"state\"><span class=\"state state-down\">Down</span>"), row);
        assertTrue(row.contains("since <time datetime=\"2026-12-03T02:48:00Z\" title=\"2026-12-03 02:48:00 UTC\">12 min ago"), row);
        assertTrue(row.contains("eu-west DOWN") && row.contains("us-east UP"), row);
        assertTrue(row.contains("<td data-fact=\"availability\" class=\"num\">98.76%</td>"), "cut, not rounded: " + row);
        assertTrue(row.contains("<span class=\"spent\" style=\"width: 0%\">") && row.contains("-25%"), row);
        assertTrue(row.contains("target 99.5% over 28d"), row);
        assertTrue(row.contains("<td data-fact=\"burn-rate\" class=\"num\">14.4×</td>"), row);
        assertTrue(row.contains("<td data-fact=\"p95\" class=\"num\">1.23 s</td>"), row);
        assertTrue(row.contains(">40 s ago</time>"), row);
        assertTrue(row.contains("<a href=\"https://wiki.example.com/runbooks/checkout\">Runbook</a>"), row);

        String up = row(html, "search");
        assertTrue(up.contains("<span class=\"state state-up\">Up</span>"), up);
        assertTrue(up.contains("99.99%") && up.contains("style=\"width: 80%\"") && up.contains("target 99.9% over this month"), up);
        assertTrue(html.indexOf("data-journey=\"checkout\"") < html.indexOf("data-journey=\"search\""), "failing first");

        assertTrue(html.contains("<code>journeys/bad.yaml:3:7</code> unknown key &#39;gett&#39;")
                || html.contains("<code>journeys/bad.yaml:3:7</code> unknown key 'gett'"), html);
        assertTrue(html.contains("last rolled-up hour (2026-12-03 01:00:00 UTC to 2026-12-03 02:00:00 UTC)"), html);
        assertTrue(html.contains("<a href=\"/health\">health</a>") && html.contains("<a href=\"/prometheus\">metrics</a>")
                && html.contains("<a href=\"/demo/shop/\">demo shop</a>"), html);
        assertTrue(html.contains("<a href=\"/?group=tag\""), "grouping links");
        assertTrue(html.contains("hx-trigger=\"every 15s\""), "the overview refreshes itself");
    }

    @Test
    void withoutJourneysItSaysHowToAddOne() {
        var page = new OverviewPage(NOW, new OverviewPage.Counts(0, 0, 0, 0, 0, 0), "owner", null, List.of(),
                List.of(), 0, List.of(), null, null, "/srv/journeys", new OverviewPage.About("PostgreSQL x", false));
        String html = Templates.render("overview", Map.of("page", page));
        assertTrue(html.contains("No journeys yet.") && html.contains("<code>/srv/journeys</code>")
                && html.contains("dapple validate"), html);
        assertFalse(html.contains("demo shop"), "no demo link when the demo is off");
        assertFalse(html.contains("<table"), html);
    }

    @Test
    void aFilterThatMatchesNothingLinksBackToAll() {
        var page = new OverviewPage(NOW, new OverviewPage.Counts(0, 0, 0, 1, 0, 0), "tag", "nope", List.of("shop"),
                List.of(), 1, List.of(), null, null, "journeys", ABOUT);
        String html = Templates.render("overview", Map.of("page", page));
        assertTrue(html.contains("No journey has tag <strong>nope</strong>.") && html.contains("Show all journeys"), html);
        assertTrue(html.contains("<a href=\"/?group=tag&amp;only=shop\""), html);
    }

    static String row(String html, String journey) {
        var matcher = Pattern.compile("<tr data-journey=\"" + journey + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(matcher.find(), "no row for " + journey + " in " + html);
        return matcher.group(1);
    }
}

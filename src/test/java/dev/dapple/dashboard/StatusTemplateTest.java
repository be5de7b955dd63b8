package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");

    @Test
    void eachGroupHasItsStateAndNinetyDailyBarsWithTitles() {
        List<StatusPage.Day> days = new ArrayList<>();
        LocalDate first = LocalDate.parse("2026-09-05");
        for (int d = 0; d < 90; d++) {
            days.add(new StatusPage.Day(first.plusDays(d), d == 0 ? null : d == 89 ? 0.5 : 1.0));
        }
        var page = new StatusPage(NOW, Health.DOWN, List.of(
                new StatusPage.Group("shop", Health.DOWN, List.of("checkout", "search"), 0.9987, days)), 2);
        String html = Templates.render("status", Map.of("page", page));

        assertTrue(html.contains("Overall: <span class=\"state state-down\">Down</span>"), html);
        assertTrue(html.contains("<span class=\"state state-down\" data-fact=\"state\">Down</span>"), html);
        assertTrue(html.contains("99.87% uptime"), html);
        assertEquals(90, html.split("<rect ", -1).length - 1, "one bar per day");
        assertTrue(html.contains("<rect class=\"fill-nodata\" x=\"0\" y=\"0\" width=\"4\" height=\"34\"><title>2026-09-05: no data</title></rect>"), html);
        assertTrue(html.contains("<title>2026-12-03: 50% uptime</title>") && html.contains("class=\"fill-down\""), html);
        assertTrue(html.contains("<title>2026-09-06: 100% uptime</title>"), html);
        assertTrue(html.contains("role=\"img\" aria-label=\"shop: Down, 99.87% uptime over 90 days\""), html);
        assertFalse(html.contains("<nav"), "the public page has no navigation into the dashboard");
    }

    @Test
    void withoutJourneysItSaysSo() {
        String html = Templates.render("status", Map.of("page", new StatusPage(NOW, Health.NO_DATA, List.of(), 0)));
        assertTrue(html.contains("Nothing is monitored yet."), html);
    }
}

package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");

    @Test
    void cellsPrintTheirAvailabilityAndAreColouredByItsBand() {
        var page = new MapPage(NOW, "locations", "24h", NOW.minusSeconds(86_400), NOW.minusSeconds(60),
                List.of("eu-west", "us-east"), List.of(
                new MapPage.Row("checkout", null, List.of(heat(0.9995, 2000), heat(0.5, 10))),
                new MapPage.Row("checkout", "login", List.of(heat(0.991, 1000), heat(null, 0)))), 1);
        String html = Templates.render("map", Map.of("page", page));
        assertTrue(html.contains("<th scope=\"col\" class=\"num\">eu-west</th>") && html.contains(">us-east</th>"), html);
        assertTrue(html.contains("<td class=\"cell h4\" title=\"t\"><a href=\"/journeys/checkout\">99.95%</a></td>"), html);
        assertTrue(html.contains("<td class=\"cell h0\" title=\"t\"><a href=\"/journeys/checkout\">50%</a></td>"), html);
        assertTrue(html.contains("<th scope=\"row\" class=\"step\">"), "steps are indented rows under their journey");
        assertTrue(html.contains("login</th>") && html.contains("<td class=\"cell h3\""), html);
        assertTrue(html.contains("<td class=\"cell none\" title=\"t\"><a href=\"/journeys/checkout\">no data</a>"), html);
        assertTrue(html.contains("2026-12-02 03:00:00 UTC") && html.contains("2026-12-03 02:59:00 UTC"), "span covered");
        assertTrue(html.contains("aria-current=\"true\">24 h</a>"), html);
    }

    @Test
    void bandsFollowTheThresholds() {
        assertEquals("h4", heat(0.999, 1).css());
        assertEquals("h3", heat(0.99, 1).css());
        assertEquals("h2", heat(0.95, 1).css());
        assertEquals("h1", heat(0.90, 1).css());
        assertEquals("h0", heat(0.8999, 1).css());
        assertEquals("none", heat(null, 0).css());
    }

    @Test
    void theTimeViewHasHourColumnsAndNoJourneysSaysWhatToDo() {
        var page = new MapPage(NOW, "time", "24h", NOW.minusSeconds(86_400), NOW, List.of("3:00", "4:00"),
                List.of(new MapPage.Row("checkout", null, List.of(heat(1.0, 60), heat(0.9, 60)))), 1);
        String html = Templates.render("map", Map.of("page", page));
        assertTrue(html.contains("Availability per hour (UTC)") && html.contains(">3:00</th>"), html);
        assertTrue(html.contains("aria-current=\"true\">By hour, last 24 h</a>"), html);
        assertTrue(html.contains(">100%</a>") && html.contains(">90%</a>"), html);

        String empty = Templates.render("map", Map.of("page",
                new MapPage(NOW, "locations", "1h", NOW, NOW, List.of(), List.of(), 0)));
        assertTrue(empty.contains("No journeys yet."), empty);
    }

    private static MapPage.Heat heat(Double availability, long valid) {
        return new MapPage.Heat(availability, valid, "t");
    }
}

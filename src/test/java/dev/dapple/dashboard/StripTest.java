package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class StripTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void eachBucketIsACellShadedByItsStateAndSaysItInWords() throws Exception {
        Strip strip = new Strip("Availability per location", T0, T0.plusSeconds(7200), List.of(
                new Strip.Row("eu-west · 50%", List.of(
                        new Strip.Cell(T0, T0.plusSeconds(3600), Health.UP, "60 runs: 60 up"),
                        new Strip.Cell(T0.plusSeconds(3600), T0.plusSeconds(7200), Health.DOWN, "60 runs: 60 down"))),
                new Strip.Row("us-east <b>", List.of(
                        new Strip.Cell(T0, T0.plusSeconds(3600), Health.NO_DATA, "no runs")))));
        Document document = Svgs.parse(strip.svg());
        var rects = document.getElementsByTagName("rect");
        assertEquals(3, rects.getLength());
        Element first = (Element) rects.item(0);
        Element second = (Element) rects.item(1);
        // the plot runs from x 150 to 640: an hour of two is 245 wide, less a 1-unit gap
        assertEquals("fill-up", first.getAttribute("class"));
        assertEquals("150", first.getAttribute("x"));
        assertEquals("244", first.getAttribute("width"));
        assertEquals("fill-down", second.getAttribute("class"));
        assertEquals("395", second.getAttribute("x"));
        assertEquals("24", ((Element) rects.item(2)).getAttribute("y"), "the second location is the second row");
        assertEquals("fill-nodata", ((Element) rects.item(2)).getAttribute("class"));
        assertEquals("eu-west · 50%, 2026-12-03 11:00:00 UTC to 2026-12-03 12:00:00 UTC: Down, 60 runs: 60 down",
                second.getTextContent());
        assertTrue(strip.svg().contains("us-east &lt;b&gt;"), "names are escaped");
        assertEquals("img", document.getDocumentElement().getAttribute("role"));
    }

    @Test
    void withoutLocationsTheStripSaysSo() throws Exception {
        Strip strip = new Strip("Availability", T0, T0.plusSeconds(60), List.of());
        assertTrue(strip.svg().contains("No location has runs in this span"));
        assertEquals("Availability", Svgs.parse(strip.svg()).getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void aBucketIsUpWhenEveryRunWasUpDownWhenMostWereDownDegradedBetween() {
        PageWindow.Span hour = new PageWindow.Span(T0, T0.plusSeconds(3600));
        assertEquals(Health.UP, JourneyCharts.cell(hour, counts(60, 0, 0, 0)).health());
        assertEquals(Health.DEGRADED, JourneyCharts.cell(hour, counts(59, 1, 0, 0)).health());
        assertEquals(Health.DEGRADED, JourneyCharts.cell(hour, counts(30, 0, 30, 0)).health());
        assertEquals(Health.DOWN, JourneyCharts.cell(hour, counts(29, 0, 31, 0)).health());
        Strip.Cell errors = JourneyCharts.cell(hour, counts(0, 0, 0, 3));
        assertEquals(Health.NO_DATA, errors.health(), "probe errors count in no availability");
        assertEquals("no runs (3 probe errors not counted)", errors.text());
        assertEquals("60 runs: 57 up, 1 degraded, 2 down", JourneyCharts.cell(hour, counts(57, 1, 2, 0)).text());
    }

    private static Map<String, Long> counts(long up, long degraded, long down, long error) {
        return Map.of("up", up, "degraded", degraded, "down", down, "error", error);
    }
}

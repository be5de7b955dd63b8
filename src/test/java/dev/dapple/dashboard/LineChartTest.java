package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LineChartTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static LineChart chart(List<LineChart.Series> series, List<LineChart.Band> bands,
                                   List<LineChart.Marker> markers) {
        return new LineChart("durations", T0, T0.plusSeconds(100), series, bands, markers, Display::millis);
    }

    private static LineChart.Point at(int second, Double value) {
        return new LineChart.Point(T0.plusSeconds(second), value);
    }

    @Test
    void pointsMapIntoThePlotAreaFromZeroToTheLargestValue() throws Exception {
        // x: 64 (left margin) to 628 (640 − 12); y: 196 (220 − 24, value 0) up to 22 (top margin, value 10)
        String svg = chart(List.of(new LineChart.Series("p95", List.of(at(0, 0.0), at(50, 5.0), at(100, 10.0)))),
                List.of(), List.of()).svg();
        Document document = Svgs.parse(svg);
        Element line = (Element) document.getElementsByTagName("polyline").item(0);
        assertEquals("series-1", line.getAttribute("class"));
        assertEquals("64,196 346,109 628,22", line.getAttribute("points"));
        assertTrue(svg.contains(">10 ms</text>"), "the top grid line is labelled with the largest value: " + svg);
        assertTrue(svg.contains(">2026-12-03 10:00:00 UTC</text>"), svg);
    }

    @Test
    void aGapSplitsTheLineAndALoneValueIsADot() throws Exception {
        Document document = Svgs.parse(chart(List.of(new LineChart.Series("p50", List.of(at(0, 1.0), at(10, 2.0),
                at(20, null), at(30, 4.0), at(40, null), at(50, 2.0), at(60, 1.0)))), List.of(), List.of()).svg());
        assertEquals(2, document.getElementsByTagName("polyline").getLength());
        Element dot = (Element) document.getElementsByTagName("circle").item(0);
        assertEquals("233.2", dot.getAttribute("cx"));
        assertEquals("22", dot.getAttribute("cy"), "4 is the largest value");
    }

    @Test
    void incidentsAreBandsAndAnnotationsMarkersEachWithWords() throws Exception {
        Document document = Svgs.parse(chart(List.of(new LineChart.Series("p50", List.of(at(0, 1.0), at(100, 2.0)))),
                List.of(new LineChart.Band(T0.plusSeconds(50), null, "Incident 7, open"),
                        new LineChart.Band(T0.minusSeconds(500), T0.minusSeconds(400), "long over")),
                List.of(new LineChart.Marker(T0.plusSeconds(25), "deploy 1.4"),
                        new LineChart.Marker(T0.plusSeconds(500), "outside"))).svg());
        NodeList rects = document.getElementsByTagName("rect");
        assertEquals(1, rects.getLength(), "a band outside the span is not drawn");
        Element band = (Element) rects.item(0);
        assertEquals("incident", band.getAttribute("class"));
        assertEquals("346", band.getAttribute("x"));
        assertEquals("282", band.getAttribute("width"), "an open incident reaches the end");
        assertEquals("Incident 7, open", band.getTextContent());
        List<Element> markers = new ArrayList<>();
        NodeList lines = document.getElementsByTagName("line");
        for (int i = 0; i < lines.getLength(); i++) {
            if (((Element) lines.item(i)).getAttribute("class").equals("annotation")) {
                markers.add((Element) lines.item(i));
            }
        }
        assertEquals(1, markers.size());
        assertEquals("205", markers.getFirst().getAttribute("x1"));
        assertEquals("deploy 1.4", markers.getFirst().getTextContent());
    }

    @Test
    void textIsEscapedAndTheChartHasATextAlternative() throws Exception {
        String label = "a <b> & \"c\" 'd'";
        String svg = new LineChart(label, T0, T0.plusSeconds(60), List.of(new LineChart.Series("</text><script>",
                List.of(at(0, 1.0), at(60, 2.0)))), List.of(new LineChart.Band(T0, T0.plusSeconds(1), "<x>")),
                List.of(), Display::millis).svg();
        assertFalse(svg.contains("<script>"), svg);
        Element root = Svgs.parse(svg).getDocumentElement();
        assertEquals("img", root.getAttribute("role"));
        assertEquals("chart", root.getAttribute("class"));
        assertEquals(label, root.getAttribute("aria-label"));
        assertEquals(label, root.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void withoutValuesTheChartSaysSoInsteadOfDrawingZeros() throws Exception {
        LineChart empty = chart(List.of(new LineChart.Series("p50", List.of(at(0, null), at(50, null)))), List.of(),
                List.of());
        assertTrue(empty.empty());
        Document document = Svgs.parse(empty.svg());
        assertEquals(0, document.getElementsByTagName("polyline").getLength());
        assertTrue(empty.svg().contains("No data in this span"));
        assertEquals("durations", document.getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void negativeValuesExtendTheAxisBelowZero() throws Exception {
        // from −1 (y 196) to 1 (y 22): 0 sits halfway, at 109
        Element line = (Element) Svgs.parse(chart(List.of(new LineChart.Series("budget", List.of(at(0, 1.0),
                at(50, 0.0), at(100, -1.0)))), List.of(), List.of()).svg()).getElementsByTagName("polyline").item(0);
        assertEquals("64,22 346,109 628,196", line.getAttribute("points"));
    }

    @Test
    void aChartNeedsASpanAndAtMostThreeSeries() {
        assertThrows(IllegalArgumentException.class, () -> new LineChart("x", T0, T0, List.of(), List.of(),
                List.of(), Display::millis));
        var s = new LineChart.Series("s", List.of());
        assertThrows(IllegalArgumentException.class, () -> chart(List.of(s, s, s, s), List.of(), List.of()));
    }
}

package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class WaterfallTest {

    @Test
    void eachStepIsABarFromItsOffsetForItsDuration() throws Exception {
        Waterfall waterfall = new Waterfall("Steps", List.of(
                new Waterfall.Bar("login", 0, 150_000L, Health.UP, "passed in 150 ms"),
                new Waterfall.Bar("search", 150_000, 50_000L, Health.DOWN, "failed in 50 ms"),
                new Waterfall.Bar("pay & <go>", 200_000, null, Health.NO_DATA, "skipped")));
        assertEquals(200_000, waterfall.totalUs());
        Document document = Svgs.parse(waterfall.svg());
        var rects = document.getElementsByTagName("rect");
        assertEquals(2, rects.getLength(), "a skipped step has no bar");
        // the bars run from x 150 over 350 units (640 − 150 − 140 for the figures)
        Element login = (Element) rects.item(0);
        assertEquals("150", login.getAttribute("x"));
        assertEquals("262.5", login.getAttribute("width"));
        assertEquals("fill-up", login.getAttribute("class"));
        Element search = (Element) rects.item(1);
        assertEquals("412.5", search.getAttribute("x"));
        assertEquals("87.5", search.getAttribute("width"));
        assertEquals("fill-down", search.getAttribute("class"));
        assertEquals("search: failed in 50 ms", search.getTextContent());
        assertTrue(waterfall.svg().contains(">pay &amp; &lt;go&gt;</text>"));
        assertTrue(waterfall.svg().contains(">skipped</text>"));
    }

    @Test
    void aRunWithoutStepsSaysSo() throws Exception {
        Waterfall empty = new Waterfall("Steps of run x", List.of());
        assertTrue(empty.svg().contains("This run has no steps"));
        assertEquals("Steps of run x", Svgs.parse(empty.svg()).getDocumentElement().getAttribute("aria-label"));
    }
}

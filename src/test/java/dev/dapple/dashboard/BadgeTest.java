package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.slo.JourneyState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class BadgeTest {

    @Test
    void eachStateSaysItInWordsAndColour() {
        assertEquals(new Badge("checkout", "up · 99.95%", "#2e7d32"), Badge.of("checkout", JourneyState.OK, 0.9995));
        assertEquals(new Badge("checkout", "down · 97.5%", "#c62828"),
                Badge.of("checkout", JourneyState.INCIDENT, 0.975));
        assertEquals("burning budget · 99.1%", Badge.of("c", JourneyState.BURNING, 0.991).message());
        assertEquals("budget spent · 98%", Badge.of("c", JourneyState.EXHAUSTED, 0.98).message());
        assertEquals("no data", Badge.of("c", JourneyState.NO_DATA, null).message());
        assertEquals("up", Badge.of("c", JourneyState.OK, null).message(), "no availability yet: none shown");
    }

    @Test
    void theSvgIsWellFormedAccessibleAndEscapesTheName() throws Exception {
        String svg = Badge.of("a<b>&\"c\"", JourneyState.OK, 0.999).svg();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        var root = document.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("a<b>&\"c\": up · 99.9%", root.getAttribute("aria-label"));
        assertEquals("a<b>&\"c\": up · 99.9%", document.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(Integer.parseInt(root.getAttribute("width")) > 100, svg);
    }
}

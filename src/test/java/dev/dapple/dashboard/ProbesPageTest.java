package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.remote.LocationStatus;
import dev.dapple.probe.remote.ProbesReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probes page from a fixed report: states in words, heartbeat ages, saturation, lateness, buffers. */
class ProbesPageTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    static final ProbesReport REPORT = new ProbesReport(NOW, List.of(
            new LocationStatus("eu-west", LocationStatus.UP, 2, 1, 12, 48_500L),
            new LocationStatus("local", LocationStatus.IDLE, 0, 0, 0, null),
            new LocationStatus("us-east", LocationStatus.SILENT, 1, 0, 12, null)), List.of(
            new ProbeStatus("eu-west", "fra-1", "1.4.0", NOW.minusSeconds(4), false, List.of("a", "b", "c"), 3, 200, 7, 0),
            new ProbeStatus("eu-west", "fra-2", "1.3.9", NOW.minusSeconds(95), true, List.of(), 0, 50, 120, 4),
            new ProbeStatus("us-east", "iad-1", "1.4.0", NOW.minusSeconds(3600), true, List.of(), 0, 10, 0, 0)));

    @Test
    void theModelSaysEachStateInAWord() {
        ProbesPage page = ProbesPage.of(REPORT);
        assertEquals(List.of("Up", "Idle", "Silent"), page.locations().stream().map(ProbesPage.Location::state).toList());
        assertEquals(List.of("Live", "Silent", "Silent"), page.probes().stream().map(ProbesPage.Probe::state).toList());
        assertEquals("1.5%", page.probes().getFirst().saturation());
        assertEquals("49 ms", page.probes().getFirst().latenessP99());
        assertEquals(1, page.silentLocations());
    }

    @Test
    void thePageShowsLocationsAndProbes() {
        String html = Templates.render("probes", Map.of("page", ProbesPage.of(REPORT)));
        assertTrue(html.contains("aria-current=\"page\">Probes</a>"), "the probes section is current");
        assertTrue(html.contains("hx-trigger=\"every 15s\""), "the page refreshes itself");
        assertTrue(html.contains("<li>3 locations</li>") && html.contains("<li>1 silent</li>"), html);
        assertTrue(html.contains("<th scope=\"row\">us-east</th>"), html);
        assertTrue(html.contains("<span class=\"state state-down\">Silent</span>"), html);
        assertTrue(html.contains("a probe problem, not a journey failure"), html);
        assertTrue(html.contains("<span class=\"state state-up\">Up</span>"), html);
        assertTrue(html.contains("<th scope=\"row\">fra-1</th>"), html);
        assertTrue(html.contains("<time datetime=\"2026-12-03T11:59:56Z\" title=\"2026-12-03 11:59:56 UTC\">4 s ago</time>")
                || html.contains(">4 s ago</time>"), html);
        assertTrue(html.contains(">1 min ago</time>"), html);
        assertTrue(html.contains("<td class=\"num\">3 / 200</td>"), html);
        assertTrue(html.contains("<td class=\"num\">1.5%</td>"), html);
        assertTrue(html.contains("<td class=\"num\">49 ms</td>"), html);
        assertTrue(html.contains("120 (4 dropped)"), html);
        assertTrue(html.contains("<caption>Probes</caption>") && html.contains("<caption>Locations</caption>"), html);
        assertFalse(html.contains("No probe has reported yet"), html);
    }

    @Test
    void withoutProbesThePageSaysHowToRunOne() {
        String html = Templates.render("probes", Map.of("page", ProbesPage.of(new ProbesReport(NOW, List.of(), List.of()))));
        assertTrue(html.contains("No probe has reported yet"), html);
        assertTrue(html.contains("token create --location eu-west"), html);
        assertFalse(html.contains("<table"), html);
    }
}

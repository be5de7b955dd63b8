package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisplayTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:58:07.450Z");

    @Test
    void timesAreUtcAndAgesUseTheLargestUnitThatFits() {
        assertEquals("2026-12-03 12:58:07 UTC", Display.utc(NOW));
        assertEquals("2026-12-03T12:58:07Z", Display.iso(NOW));
        assertEquals("just now", Display.age(NOW.minusMillis(300), NOW));
        assertEquals("42 s ago", Display.age(NOW.minusSeconds(42), NOW));
        assertEquals("4 min ago", Display.age(NOW.minusSeconds(4 * 60 + 59), NOW));
        assertEquals("2 h 10 min ago", Display.age(NOW.minus(Duration.ofMinutes(130)), NOW));
        assertEquals("3 d ago", Display.age(NOW.minus(Duration.ofDays(3)), NOW));
        assertEquals("in 30 s", Display.age(NOW.plusSeconds(30), NOW));
        assertEquals("just now", Display.age(NOW.plusMillis(400), NOW), "never 'in 0 s'");
        assertEquals("never", Display.age(null, NOW));
        assertEquals("–", Display.utc(null));
    }

    @Test
    void sharesAreCutNotRoundedSoTheyNeverClaimAPerfectRecord() {
        assertEquals("99.99%", Display.percent(0.99999));
        assertEquals("100%", Display.percent(1.0));
        assertEquals("0%", Display.percent(0.0));
        assertEquals("–", Display.percent(null), "unknown is never 0% or 100%");
    }

    @Test
    void durationsAndRates() {
        assertEquals("245 ms", Display.millis(245.4));
        assertEquals("1.24 s", Display.millis(1240));
        assertEquals("2 s", Display.millis(2000));
        assertEquals("–", Display.millis(null));
        assertEquals("0.4×", Display.rate(0.4));
        assertEquals("14.4×", Display.rate(14.4));
        assertEquals("–", Display.rate(null));
    }
}

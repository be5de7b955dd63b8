package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.journey.Slo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SloWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aRollingWindowEndsNow() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertEquals(new SloWindow("rolling", null, Instant.parse("2026-10-26T12:00:00Z"), now, "28d", 2_419_200),
                SloWindow.at(new Slo.Window.Rolling(Duration.ofDays(28)), ZoneOffset.UTC, now));
    }

    @Test
    void aBerlinMonthInWinterIs30Days() {
        // 1 November 00:00 CET is 31 October 23:00 UTC
        SloWindow november = SloWindow.at(new Slo.Window.Calendar(Slo.Window.Period.MONTH), BERLIN,
                Instant.parse("2026-11-23T12:00:00Z"));
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), november.start());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), november.end());
        assertEquals(Duration.ofDays(30), november.duration());
    }

    @Test
    void theFirstHourOfAMonthInBerlinBelongsToIt() {
        // 2026-11-30T23:30Z is 1 December 00:30 in Berlin
        SloWindow december = SloWindow.at(new Slo.Window.Calendar(Slo.Window.Period.MONTH), BERLIN,
                Instant.parse("2026-11-30T23:30:00Z"));
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), december.start());
        assertEquals(Duration.ofDays(31), december.duration());
        assertEquals(Instant.parse("2026-11-30T23:30:00Z"), december.countedUntil(Instant.parse("2026-11-30T23:30:00Z")));
    }

    @Test
    void marchInBerlinIsAnHourShort() {
        SloWindow march = SloWindow.at(new Slo.Window.Calendar(Slo.Window.Period.MONTH), BERLIN,
                Instant.parse("2026-03-15T00:00:00Z"));
        assertEquals(Duration.ofDays(31).minusHours(1), march.duration());
        assertEquals("743h", march.length());
    }

    @Test
    void aCalendarWeekStartsOnMondayInUtc() {
        // 2026-11-25 is a Wednesday
        SloWindow week = SloWindow.at(new Slo.Window.Calendar(Slo.Window.Period.WEEK), ZoneOffset.UTC,
                Instant.parse("2026-11-25T10:00:00Z"));
        assertEquals(new SloWindow("week", "Z", Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"), "7d", 604_800), week);
    }

    @Test
    void aHalfHourZoneStartsItsMonthAtItsOwnMidnight() {
        // India is UTC+5:30: 1 November 00:00 there is 31 October 18:30 UTC
        SloWindow month = SloWindow.at(new Slo.Window.Calendar(Slo.Window.Period.MONTH), ZoneId.of("Asia/Kolkata"),
                Instant.parse("2026-11-10T00:00:00Z"));
        assertEquals(Instant.parse("2026-10-31T18:30:00Z"), month.start());
    }
}

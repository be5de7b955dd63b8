package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Business hours: local days and times in their zone, across DST changes and in half-hour offset zones. */
class BusinessHoursTest {

    private static final Slo.BusinessHours BERLIN_WEEKDAYS = hours(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "08:00",
            "20:00", "Europe/Berlin");

    private static Slo.BusinessHours hours(DayOfWeek from, DayOfWeek to, String start, String end, String zone) {
        return new Slo.BusinessHours(from, to, LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone));
    }

    private static boolean in(Slo.BusinessHours hours, String instant) {
        return hours.contains(Instant.parse(instant));
    }

    @Test
    void berlinWeekdaysFollowTheSpringDstChange() {
        // Friday 27 March 2026 is CET (+01:00): 08:00 local is 07:00 UTC, 20:00 local is 19:00 UTC
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-27T06:59:59Z"));
        assertTrue(in(BERLIN_WEEKDAYS, "2026-03-27T07:00:00Z"), "the start is inclusive");
        assertTrue(in(BERLIN_WEEKDAYS, "2026-03-27T18:59:59Z"));
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-27T19:00:00Z"), "the end is exclusive");
        // Monday 30 March 2026, after the change on Sunday the 29th, is CEST (+02:00): an hour earlier in UTC
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-30T05:59:59Z"));
        assertTrue(in(BERLIN_WEEKDAYS, "2026-03-30T06:00:00Z"));
        assertTrue(in(BERLIN_WEEKDAYS, "2026-03-30T17:59:59Z"));
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-30T18:00:00Z"));
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-28T12:00:00Z"), "Saturday");
        assertFalse(in(BERLIN_WEEKDAYS, "2026-03-29T12:00:00Z"), "Sunday");
    }

    @Test
    void berlinWeekdaysFollowTheAutumnDstChange() {
        assertTrue(in(BERLIN_WEEKDAYS, "2026-10-23T06:00:00Z"), "Friday 23 October, CEST: 08:00");
        assertFalse(in(BERLIN_WEEKDAYS, "2026-10-26T06:00:00Z"), "Monday 26 October, CET again: 07:00");
        assertTrue(in(BERLIN_WEEKDAYS, "2026-10-26T07:00:00Z"));
        assertTrue(in(BERLIN_WEEKDAYS, "2026-10-26T18:59:59Z"));
        assertFalse(in(BERLIN_WEEKDAYS, "2026-10-26T19:00:00Z"));
    }

    /** 01:00-04:00 on the Sunday the clocks skip 02:00-03:00 holds two real hours, a week earlier three. */
    @Test
    void hoursAroundTheSkippedLocalHourLastOnlyAsLongAsTheyReallyDo() {
        Slo.BusinessHours night = hours(DayOfWeek.SUNDAY, DayOfWeek.SUNDAY, "01:00", "04:00", "Europe/Berlin");
        assertEquals(Duration.ofHours(2), inside(night, Instant.parse("2026-03-29T00:00:00Z")));
        assertEquals(Duration.ofHours(3), inside(night, Instant.parse("2026-03-22T00:00:00Z")));
        assertEquals(Duration.ofHours(4), inside(night, Instant.parse("2026-10-24T12:00:00Z")),
                "02:00-03:00 happens twice when the clocks go back (01:00 CEST is 23:00 UTC the day before)");
        assertTrue(in(night, "2026-03-29T00:59:00Z"), "01:59 CET");
        assertTrue(in(night, "2026-03-29T01:00:00Z"), "03:00 CEST, right after 01:59:59 CET");
        assertFalse(in(night, "2026-03-29T02:00:00Z"), "04:00 CEST");
    }

    /** Minutes of the 24 hours from {@code day} that fall inside. */
    private static Duration inside(Slo.BusinessHours hours, Instant day) {
        long minutes = 0;
        for (Instant t = day; t.isBefore(day.plus(Duration.ofDays(1))); t = t.plusSeconds(60)) {
            minutes += hours.contains(t) ? 1 : 0;
        }
        return Duration.ofMinutes(minutes);
    }

    @Test
    void kolkataIsHalfAnHourOffTheUtcHours() {
        Slo.BusinessHours kolkata = hours(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00", "17:00", "Asia/Kolkata");
        assertFalse(in(kolkata, "2026-11-23T03:29:59Z"), "08:59:59 IST");
        assertTrue(in(kolkata, "2026-11-23T03:30:00Z"), "09:00 IST");
        assertTrue(in(kolkata, "2026-11-23T11:29:59Z"), "16:59:59 IST");
        assertFalse(in(kolkata, "2026-11-23T11:30:00Z"), "17:00 IST");
        assertTrue(in(kolkata, "2026-11-20T11:00:00Z"), "Friday 16:30 IST");
        assertFalse(in(kolkata, "2026-11-21T05:00:00Z"), "Saturday");
        assertEquals(Duration.ofHours(8), inside(kolkata, Instant.parse("2026-11-23T00:00:00Z")));
    }

    @Test
    void daysMayWrapOverSunday() {
        Slo.BusinessHours weekend = hours(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, "00:00", "23:59", "UTC");
        assertTrue(in(weekend, "2026-11-20T12:00:00Z"), "Friday");
        assertTrue(in(weekend, "2026-11-21T12:00:00Z"), "Saturday");
        assertTrue(in(weekend, "2026-11-22T12:00:00Z"), "Sunday");
        assertTrue(in(weekend, "2026-11-23T12:00:00Z"), "Monday");
        assertFalse(in(weekend, "2026-11-24T12:00:00Z"), "Tuesday");
        assertFalse(in(weekend, "2026-11-26T12:00:00Z"), "Thursday");
        assertFalse(in(weekend, "2026-11-23T23:59:00Z"), "the end is exclusive");
    }
}

package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Occurrences of one-off and weekly schedules, in local time across the 2026 spring DST change in Berlin. */
class ScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void aOneOffWindowIsHalfOpenInItsZone() {
        // 22:00-01:00 CET (UTC+1) is 21:00Z-00:00Z.
        var once = new Schedule.Once(LocalDateTime.parse("2026-12-01T22:00"), LocalDateTime.parse("2026-12-02T01:00"), BERLIN);
        assertEquals(new Span(at("2026-12-01T21:00:00Z"), at("2026-12-02T00:00:00Z")), once.span());
        assertFalse(once.covers(at("2026-12-01T20:59:59Z")));
        assertTrue(once.covers(at("2026-12-01T21:00:00Z")));
        assertTrue(once.covers(at("2026-12-01T23:59:59Z")));
        assertFalse(once.covers(at("2026-12-02T00:00:00Z")));
        assertEquals(at("2026-12-02T00:00:00Z"), once.lastEnd());
    }

    @Test
    void aOneOffWindowAcrossTheSpringChangeIsAnHourShorter() {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST: local 00:00-06:00 is 23:00Z-04:00Z, five hours.
        var once = new Schedule.Once(LocalDateTime.parse("2026-03-29T00:00"), LocalDateTime.parse("2026-03-29T06:00"), BERLIN);
        assertEquals(new Span(at("2026-03-28T23:00:00Z"), at("2026-03-29T04:00:00Z")), once.span());
    }

    @Test
    void aOneOffWindowMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Once(LocalDateTime.parse("2026-12-01T22:00"),
                LocalDateTime.parse("2026-12-01T22:00"), BERLIN));
    }

    @Test
    void aWeeklyWindowKeepsItsLocalTimeAcrossTheSpringChange() {
        // Sundays and Mondays 06:00 Berlin for 30m: 05:00Z in winter (CET), 04:00Z from 2026-03-29 on (CEST).
        var weekly = new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), LocalTime.of(6, 0),
                Duration.ofMinutes(30), BERLIN);
        assertEquals(List.of(
                        new Span(at("2026-03-22T05:00:00Z"), at("2026-03-22T05:30:00Z")),
                        new Span(at("2026-03-23T05:00:00Z"), at("2026-03-23T05:30:00Z")),
                        new Span(at("2026-03-29T04:00:00Z"), at("2026-03-29T04:30:00Z")),
                        new Span(at("2026-03-30T04:00:00Z"), at("2026-03-30T04:30:00Z"))),
                weekly.occurrences(at("2026-03-22T00:00:00Z"), at("2026-03-31T00:00:00Z")));
        assertTrue(weekly.covers(at("2026-03-29T04:10:00Z")));
        assertFalse(weekly.covers(at("2026-03-29T05:10:00Z")), "05:10Z is 07:10 CEST");
        assertTrue(weekly.covers(at("2026-03-23T05:10:00Z")));
    }

    @Test
    void aWeeklyStartInTheSpringGapMovesForwardByTheGap() {
        // 02:30 does not exist in Berlin on 2026-03-29: the window starts at 03:30 CEST (01:30Z) and lasts its hour.
        var weekly = new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), Duration.ofHours(1), BERLIN);
        assertEquals(List.of(new Span(at("2026-03-29T01:30:00Z"), at("2026-03-29T02:30:00Z"))),
                weekly.occurrences(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")));
    }

    @Test
    void anOccurrenceThatBeganBeforeTheQuestionIsFound() {
        // Fridays 22:00 UTC for 3 days: on Sunday noon the one from Friday still runs.
        var weekly = new Schedule.Weekly(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), Duration.ofDays(3), ZoneId.of("UTC"));
        assertTrue(weekly.covers(at("2026-11-22T12:00:00Z")));
        assertFalse(weekly.covers(at("2026-11-23T22:00:00Z")));
    }

    @Test
    void aWeeklyWindowNeedsADayAndAtMostAWeek() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Weekly(Set.of(), LocalTime.NOON,
                Duration.ofHours(1), BERLIN));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Weekly(Set.of(DayOfWeek.MONDAY), LocalTime.NOON,
                Duration.ofDays(8), BERLIN));
    }

    @Test
    void selectorsMatchByNameOrTagAndNoneMatchesAll() {
        var once = new Schedule.Once(LocalDateTime.parse("2026-12-01T22:00"), LocalDateTime.parse("2026-12-02T01:00"), BERLIN);
        var all = new WindowDefinition("all", WindowDefinition.Kind.MAINTENANCE, null, List.of(), List.of(), once);
        var some = new WindowDefinition("some", WindowDefinition.Kind.MAINTENANCE, null, List.of("checkout"),
                List.of("payments"), once);
        assertTrue(all.selects("anything", List.of()));
        assertTrue(some.selects("checkout", List.of()));
        assertTrue(some.selects("refunds", List.of("shop", "payments")));
        assertFalse(some.selects("login", List.of("shop")));
    }
}

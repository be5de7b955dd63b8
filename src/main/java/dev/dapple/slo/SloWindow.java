package dev.dapple.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.Slo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The span an SLO is measured over at some moment: events planned in [{@code start}, min(now, {@code end})).
 *
 * @param kind          {@code rolling}, {@code month} or {@code week}
 * @param zone          the zone a calendar window's periods begin in; null for a rolling window
 * @param start         the window's first instant
 * @param end           a rolling window's end (now); a calendar period's end (the next period's start), in the future
 * @param length        the whole window (rolling) or the whole calendar period, e.g. 31 days for a 31-day month: a
 *                      budget share's burn-rate threshold scales with it
 * @param lengthSeconds {@code length} in seconds
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SloWindow(String kind, @Nullable String zone, Instant start, Instant end, String length,
                        long lengthSeconds) {

    /** The window of {@code window} at {@code now}; calendar periods start at midnight in {@code zone}. */
    public static SloWindow at(Slo.Window window, ZoneId zone, Instant now) {
        return switch (window) {
            case Slo.Window.Rolling(Duration length) -> of("rolling", null, now.minus(length), now);
            case Slo.Window.Calendar(Slo.Window.Period period) -> {
                LocalDate today = now.atZone(zone).toLocalDate();
                LocalDate first = period == Slo.Window.Period.MONTH ? today.withDayOfMonth(1)
                        : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate next = period == Slo.Window.Period.MONTH ? first.plusMonths(1) : first.plusWeeks(1);
                // atStartOfDay, not atTime(0:00): where midnight falls in a DST gap the day starts at 01:00
                yield of(period == Slo.Window.Period.MONTH ? "month" : "week", zone.getId(),
                        first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
            }
        };
    }

    /** The zone calendar periods begin in: the business hours' zone if any, else UTC. */
    public static ZoneId zoneOf(Slo slo) {
        return slo.hours().<ZoneId>map(Slo.BusinessHours::zone).orElse(ZoneOffset.UTC);
    }

    private static SloWindow of(String kind, @Nullable String zone, Instant start, Instant end) {
        Duration length = Duration.between(start, end);
        return new SloWindow(kind, zone, start, end, DurationParser.format(length), length.toSeconds());
    }

    public Duration duration() {
        return Duration.ofSeconds(lengthSeconds);
    }

    /** Where counting stops at {@code now}: a calendar period is counted up to now. */
    public Instant countedUntil(Instant now) {
        return end.isBefore(now) ? end : now;
    }
}

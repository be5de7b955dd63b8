package dev.dapple.journey;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A journey's service level objectives. Targets are percentages in (0, 100).
 *
 * @param availability share of valid runs that must be good
 * @param degraded     whether a DEGRADED run counts as good or bad
 * @param latency      whole-run latency objective
 * @param steps        per-step latency objectives, by step name
 * @param hours        when set, only runs inside these hours count
 * @param recovery     workflow recovery time objective
 * @param minRuns      burn-rate alerts need at least this many valid runs in their long window; empty means the
 *                     server's default ({@code dapple.slo.min-runs})
 */
public record Slo(Optional<BigDecimal> availability, Degraded degraded, Optional<Latency> latency,
                  Map<String, Latency> steps, Window window, Optional<BusinessHours> hours,
                  Optional<Duration> recovery, Budgeting budgeting, Optional<Integer> minRuns) {

    public Slo {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    public enum Degraded { GOOD, BAD }

    public enum Budgeting { OCCURRENCES, TIMESLICES }

    /** {@code target} percent of runs (or steps) must take less than {@code below}. */
    public record Latency(Duration below, BigDecimal target) {
    }

    public sealed interface Window {
        /** The last {@code length}, sliding; the default is 28 days. */
        record Rolling(Duration length) implements Window {
        }

        /** The current calendar month or week, in the business-hours zone if any, else UTC. */
        record Calendar(Period period) implements Window {
        }

        enum Period { MONTH, WEEK }
    }

    /** Days {@code from}..{@code to} (inclusive, may wrap over Sunday), between {@code start} and {@code end}. */
    public record BusinessHours(DayOfWeek from, DayOfWeek to, LocalTime start, LocalTime end, ZoneId zone) {

        /**
         * Whether {@code at} falls inside these hours: its local day in {@code zone} is one of the days and its local
         * time is at or after {@code start} and before {@code end}. Converting each instant on its own makes DST
         * changes and half-hour offsets right by construction (a UTC hour can be half inside).
         */
        public boolean contains(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            return onDay(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }

        private boolean onDay(DayOfWeek day) {
            int d = day.getValue();
            return from.getValue() <= to.getValue()
                    ? d >= from.getValue() && d <= to.getValue()
                    : d >= from.getValue() || d <= to.getValue(); // wraps over Sunday, e.g. Fri-Mon
        }
    }
}

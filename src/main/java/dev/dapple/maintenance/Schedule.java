package dev.dapple.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a window applies: once, or every week. Times are local to {@code zone}, so a weekly 06:00 stays 06:00 across
 * a DST change; a local time that does not exist (in the spring gap) moves forward by the gap, as
 * {@link ZonedDateTime#of} does, and an ambiguous one (in the autumn overlap) takes the earlier offset.
 */
public sealed interface Schedule {

    ZoneId zone();

    /** Every occurrence that overlaps [from, to), oldest first, unclipped. */
    List<Span> occurrences(Instant from, Instant to);

    /** When the last occurrence ends; null when it repeats for ever. */
    Instant lastEnd();

    default boolean covers(Instant at) {
        return !occurrences(at, at.plusNanos(1)).isEmpty();
    }

    /** [start, end) once. */
    record Once(LocalDateTime start, LocalDateTime end, ZoneId zone) implements Schedule {

        public Once {
            if (!ZonedDateTime.of(start, zone).toInstant().isBefore(ZonedDateTime.of(end, zone).toInstant())) {
                throw new IllegalArgumentException("end must be after start");
            }
        }

        public Span span() {
            return new Span(ZonedDateTime.of(start, zone).toInstant(), ZonedDateTime.of(end, zone).toInstant());
        }

        @Override
        public List<Span> occurrences(Instant from, Instant to) {
            Span span = span();
            return span.from().isBefore(to) && span.to().isAfter(from) ? List.of(span) : List.of();
        }

        @Override
        public Instant lastEnd() {
            return span().to();
        }
    }

    /** From {@code start} on each of {@code days}, for {@code duration} (elapsed time, at most a week). */
    record Weekly(Set<DayOfWeek> days, LocalTime start, Duration duration, ZoneId zone) implements Schedule {

        static final Duration MAX_DURATION = Duration.ofDays(7);

        public Weekly {
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a weekly window needs at least one day");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("duration must be positive and at most 7d");
            }
        }

        @Override
        public List<Span> occurrences(Instant from, Instant to) {
            var spans = new ArrayList<Span>();
            // Start a day early: an occurrence that began before `from` (up to a week before) may still run.
            LocalDate day = from.minus(duration).atZone(zone).toLocalDate().minusDays(1);
            LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                if (!days.contains(day.getDayOfWeek())) {
                    continue;
                }
                Instant begin = ZonedDateTime.of(day, start, zone).toInstant();
                Instant end = begin.plus(duration);
                if (begin.isBefore(to) && end.isAfter(from)) {
                    spans.add(new Span(begin, end));
                }
            }
            return spans;
        }

        @Override
        public Instant lastEnd() {
            return null;
        }
    }
}

package dev.dapple.maintenance;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A window as the API shows it: the fields of the file (local times as written) plus its id, source, and its current
 * or next occurrence as instants.
 *
 * @param next   the occurrence running now, or the next one; null when none is left
 * @param active whether it applies now
 */
@Serdeable
public record WindowView(long id, String name, String kind, String source, @Nullable String reason,
                         List<String> journeys, List<String> tags, @Nullable String start, @Nullable String end,
                         @Nullable Weekly weekly, String zone, @Nullable String createdBy, Instant createdAt,
                         @Nullable Span next, boolean active) {

    @Serdeable
    public record Weekly(List<String> days, String start, String duration) {
    }

    /** How far ahead the next occurrence of a weekly window is looked for: it has one within a week. */
    private static final java.time.Duration AHEAD = java.time.Duration.ofDays(8);

    static WindowView of(Window window, Instant now) {
        WindowDefinition d = window.definition();
        String start = null;
        String end = null;
        Weekly weekly = null;
        switch (d.schedule()) {
            case Schedule.Once once -> {
                start = once.start().toString();
                end = once.end().toString();
            }
            case Schedule.Weekly w -> weekly = new Weekly(w.days().stream().sorted().map(WindowView::day).toList(),
                    w.start().toString(), dev.dapple.journey.DurationParser.format(w.duration()));
        }
        Span next = d.schedule().occurrences(now, now.plus(AHEAD)).stream().findFirst().orElse(null);
        return new WindowView(window.id(), d.name(), d.kind().key(), window.source().key(), d.reason(), d.journeys(),
                d.tags(), start, end, weekly, d.schedule().zone().getId(), window.createdBy(), window.createdAt(), next,
                next != null && next.contains(now));
    }

    private static String day(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }
}

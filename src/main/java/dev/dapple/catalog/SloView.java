package dev.dapple.catalog;

import dev.dapple.journey.DurationParser;
import dev.dapple.journey.Slo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A journey's SLOs for the read API, in the journey files' own notation ({@code 99.5%}, {@code 28d},
 * {@code Mon-Fri 08:00-20:00 Europe/Berlin}).
 */
@Serdeable
public record SloView(@Nullable String availability, String degraded, @Nullable LatencyView latency,
                      Map<String, LatencyView> steps, String window, @Nullable String hours,
                      @Nullable String recovery, String budgeting) {

    @Serdeable
    public record LatencyView(String below, String target) {
        static LatencyView of(Slo.Latency latency) {
            return new LatencyView(DurationParser.format(latency.below()), percent(latency.target()));
        }
    }

    static SloView of(Slo slo) {
        var steps = new LinkedHashMap<String, LatencyView>();
        slo.steps().forEach((step, latency) -> steps.put(step, LatencyView.of(latency)));
        return new SloView(slo.availability().map(SloView::percent).orElse(null), lower(slo.degraded()),
                slo.latency().map(LatencyView::of).orElse(null), steps, window(slo.window()),
                slo.hours().map(SloView::hours).orElse(null), slo.recovery().map(DurationParser::format).orElse(null),
                lower(slo.budgeting()));
    }

    private static String window(Slo.Window window) {
        return switch (window) {
            case Slo.Window.Rolling(var length) -> DurationParser.format(length);
            case Slo.Window.Calendar(var period) -> "calendar " + lower(period);
        };
    }

    private static String hours(Slo.BusinessHours h) {
        String days = day(h.from()) + (h.from() == h.to() ? "" : "-" + day(h.to()));
        return days + " " + h.start() + "-" + h.end() + " " + h.zone().getId();
    }

    private static String day(java.time.DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String percent(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString() + "%";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

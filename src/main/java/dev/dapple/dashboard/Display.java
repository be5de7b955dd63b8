package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the dashboard writes times, ages, shares and durations, the same on every page. Times are UTC; unknown values
 * are an en dash, never zero.
 */
public final class Display {

    public static final String UNKNOWN = "–";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    /** {@code 2026-12-03 12:58:07 UTC}. */
    public static String utc(@Nullable Instant at) {
        return at == null ? UNKNOWN : UTC.format(at);
    }

    /** {@code 2026-12-03T12:58:07Z}, for {@code <time datetime>}. */
    public static String iso(@Nullable Instant at) {
        return at == null ? "" : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** How long ago, in the largest unit that fits: {@code just now}, {@code 42 s ago}, {@code 4 min ago}, ... */
    public static String age(@Nullable Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        Duration ago = Duration.between(at, now);
        if (ago.abs().toSeconds() < 1) {
            return "just now"; // either side: another server's clock may run a little ahead
        }
        return ago.isNegative() ? "in " + span(ago.negated()) : span(ago) + " ago";
    }

    /** A duration in words at two units at most: {@code 42 s}, {@code 4 min}, {@code 2 h 10 min}, {@code 3 d 4 h}. */
    public static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** A share (0..1) as a percentage cut, not rounded, to two decimals: 99.999% never reads as 100%. */
    public static String percent(@Nullable Double share) {
        if (share == null || share.isNaN()) {
            return UNKNOWN;
        }
        return BigDecimal.valueOf(share * 100).setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString()
                + "%";
    }

    /** Milliseconds as {@code 245 ms} or, from a second on, {@code 1.24 s}. */
    public static String millis(@Nullable Number millis) {
        if (millis == null) {
            return UNKNOWN;
        }
        double ms = millis.doubleValue();
        if (ms < 1000) {
            return Math.round(ms) + " ms";
        }
        return BigDecimal.valueOf(ms / 1000).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " s";
    }

    /** A burn rate, {@code 0.4×} or {@code 14.4×}. */
    public static String rate(@Nullable Double rate) {
        if (rate == null || rate.isNaN()) {
            return UNKNOWN;
        }
        return BigDecimal.valueOf(rate).setScale(rate < 10 ? 2 : 1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "×";
    }
}

package dev.dapple.journey;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as journeys write them: a positive whole number and one unit, {@code 800ms 30s 5m 2h 28d}. */
public final class DurationParser {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    static final String EXPECTED = "expected a positive whole number and a unit: ms, s, m, h or d, e.g. 800ms, 30s, 5m";

    private DurationParser() {
    }

    public static TextParse<Duration> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return TextParse.fail(0, "'" + text + "' is not a duration (" + EXPECTED + ")");
        }
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) {
            return TextParse.fail(0, "'" + text + "' is not a duration: it must be positive");
        }
        return TextParse.ok(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    /** The shortest way to write {@code d} back in this format (for messages). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}

package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The spans the journey page's window selector offers, each with the bucket its charts and strips are drawn in
 * (aligned to the epoch, so buckets line up with the hourly and daily rollups).
 */
public enum PageWindow {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(5)),
    DAY("24h", Duration.ofDays(1), Duration.ofHours(1)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(6)),
    FOUR_WEEKS("28d", Duration.ofDays(28), Duration.ofDays(1));

    public static final PageWindow DEFAULT = DAY;

    private final String text;
    private final Duration length;
    private final Duration bucket;

    PageWindow(String text, Duration length, Duration bucket) {
        this.text = text;
        this.length = length;
        this.bucket = bucket;
    }

    /** The window a {@code ?window=} value names; blank means the default, anything else unknown is empty. */
    public static Optional<PageWindow> parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(DEFAULT);
        }
        return Arrays.stream(values()).filter(w -> w.text.equals(text.strip())).findFirst();
    }

    /** {@code 1h, 24h, 7d, 28d}: for error messages. */
    public static String choices() {
        return String.join(", ", Arrays.stream(values()).map(PageWindow::text).toList());
    }

    public String text() {
        return text;
    }

    public Duration length() {
        return length;
    }

    /** The width of one chart bucket. */
    public Duration bucket() {
        return bucket;
    }

    /** A span [from, to). */
    public record Span(Instant from, Instant to) {
    }

    /** The buckets covering [now − length, now), oldest first; the first and last are cut to the window. */
    public List<Span> buckets(Instant now) {
        return buckets(now.minus(length), now, bucket);
    }

    static List<Span> buckets(Instant from, Instant to, Duration size) {
        List<Span> spans = new ArrayList<>();
        long seconds = size.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), seconds) * seconds);
        while (start.isBefore(to)) {
            Instant end = start.plus(size);
            spans.add(new Span(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
            start = end;
        }
        return spans;
    }
}

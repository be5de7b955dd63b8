package dev.dapple.rollup;

import java.time.Duration;
import java.time.Instant;

/** The widths rollups come in, aligned to the epoch (so minutes, hours and days are UTC ones). */
public enum BucketSize {
    MINUTE(60, "minutes"),
    HOUR(3_600, "hours"),
    DAY(86_400, "days");

    private final int seconds;
    private final String plural;

    BucketSize(int seconds, String plural) {
        this.seconds = seconds;
        this.plural = plural;
    }

    public int seconds() {
        return seconds;
    }

    public Duration duration() {
        return Duration.ofSeconds(seconds);
    }

    /** The name of this size in {@code rollup_progress} and in log lines. */
    String plural() {
        return plural;
    }

    /** The start of the bucket holding {@code t}. */
    public Instant floor(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    /** The first bucket start at or after {@code t}. */
    public Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : floor.plusSeconds(seconds);
    }

    /** The next finer size, from which this one is merged; null for minutes, which come from raw runs. */
    BucketSize finer() {
        return this == MINUTE ? null : values()[ordinal() - 1];
    }
}

package dev.dapple.probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

/**
 * A journey's planned run times: {@code k × interval + phase} milliseconds after the epoch, with the phase taken from
 * a hash of its name. Every probe and server computes the same times (and so the same run ids), journeys of one
 * interval spread over it instead of all firing at once, and a schedule computed from the epoch cannot drift.
 */
public final class PlannedTimes {

    private PlannedTimes() {
    }

    /** The name's offset into each interval, in [0, interval): first 8 bytes of SHA-256, unsigned, modulo interval. */
    public static Duration phase(String name, Duration interval) {
        return Duration.ofMillis(Long.remainderUnsigned(hash(name), millis(interval)));
    }

    /** The first planned time strictly after {@code after}. */
    public static Instant next(String name, Duration interval, Instant after) {
        long step = millis(interval);
        long phase = Long.remainderUnsigned(hash(name), step);
        // Planned times are whole milliseconds, so flooring a sub-millisecond instant changes nothing.
        long k = Math.floorDiv(after.toEpochMilli() - phase, step) + 1;
        return Instant.ofEpochMilli(k * step + phase);
    }

    private static long millis(Duration interval) {
        long millis = interval.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("an interval must be at least 1ms, not " + interval);
        }
        return millis;
    }

    /** Stable across JVMs and versions, unlike {@link String#hashCode()}'s spread. */
    static long hash(String name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }
}

package dev.dapple.maintenance;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The time [from, to) one occurrence of a window covers. */
@Serdeable
public record Span(Instant from, Instant to) {

    public Span {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a span ends after it starts: " + from + " to " + to);
        }
    }

    boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** This span cut to [from, to), or null when they do not overlap. */
    Span clip(Instant notBefore, Instant notAfter) {
        Instant start = from.isBefore(notBefore) ? notBefore : from;
        Instant end = to.isAfter(notAfter) ? notAfter : to;
        return start.isBefore(end) ? new Span(start, end) : null;
    }
}

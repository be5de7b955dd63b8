package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One page's worth of a journey's runs, newest first: optionally one location and outcome, planned in
 * [from, to) where given, after the cursor of the previous page. Bad values are {@link IllegalArgumentException}s.
 */
public record RunQuery(String journey, @Nullable String location, @Nullable Outcome outcome, @Nullable Instant from,
                       @Nullable Instant to, int limit, @Nullable RunCursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public RunQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    public static RunQuery newest(String journey, int limit) {
        return new RunQuery(journey, null, null, null, null, limit, null);
    }

    public RunQuery after(RunCursor cursor) {
        return new RunQuery(journey, location, outcome, from, to, limit, cursor);
    }
}

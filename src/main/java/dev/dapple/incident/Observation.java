package dev.dapple.incident;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One run as an {@link IncidentTracker} sees it.
 *
 * @param kind        whether it counts, and how
 * @param failingStep the first failed step of a bad run and its first error; null for the others
 * @param drill       the journey was in a drill at the run's planned time
 */
public record Observation(String location, Instant plannedAt, Kind kind, StateChange.@Nullable FailingStep failingStep,
                          boolean drill) {

    public enum Kind {
        GOOD,
        BAD,
        /** ERROR runs and runs in a maintenance window: they neither open nor resolve, nor break a streak. */
        IGNORED
    }
}

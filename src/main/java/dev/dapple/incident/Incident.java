package dev.dapple.incident;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An incident as stored. {@code startedAt} and {@code endedAt} are planned times of runs (the first failed one, the
 * first good one after); {@code openedAt} and {@code resolvedAt} are when the evaluator decided.
 *
 * @param badRuns the non-good valid runs it contained, all locations: the error budget it cost
 */
public record Incident(long id, String journey, Instant startedAt, @Nullable Instant endedAt, List<String> locations,
                       List<StateChange.FailingStep> failingSteps, boolean noData, boolean drill, int badRuns,
                       boolean recoveryBreached, @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt,
                       Instant openedAt, @Nullable Instant resolvedAt) {

    public Incident {
        locations = List.copyOf(locations);
        failingSteps = List.copyOf(failingSteps);
    }

    public boolean isOpen() {
        return endedAt == null;
    }

    /** How long it lasted, or has lasted so far at {@code now} while open. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }
}

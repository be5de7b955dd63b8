package dev.dapple.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An incident in the API: everything stored, its state, and its duration (so far, while open) in seconds.
 *
 * @param badRuns the budget it cost: its non-good valid runs, all locations
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // every field, null or empty too: one shape for every incident
public record IncidentView(long id, String journey, String state, Instant startedAt, @Nullable Instant endedAt,
                           long durationSeconds, List<String> locations, List<StateChange.FailingStep> failingSteps,
                           boolean noData, boolean drill, int badRuns, boolean recoveryBreached,
                           @Nullable String acknowledgedBy, @Nullable Instant acknowledgedAt, Instant openedAt,
                           @Nullable Instant resolvedAt) {

    static IncidentView of(Incident i, Instant now) {
        return new IncidentView(i.id(), i.journey(), i.isOpen() ? "open" : "resolved", i.startedAt(), i.endedAt(),
                i.duration(now).toSeconds(), i.locations(), i.failingSteps(), i.noData(), i.drill(), i.badRuns(),
                i.recoveryBreached(), i.acknowledgedBy(), i.acknowledgedAt(), i.openedAt(), i.resolvedAt());
    }
}

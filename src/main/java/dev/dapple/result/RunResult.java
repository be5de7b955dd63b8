package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a probe reports for one planned run of a journey: the engine produces it, ingest stores it, {@code run --json}
 * prints it. {@code startedAt} and {@code durationUs} are null when the run never started (missed).
 */
@Serdeable
public record RunResult(
        UUID id,
        String journey,
        String journeyVersion,
        String location,
        String probe,
        Instant plannedAt,
        @Nullable Instant startedAt,
        @Nullable Long durationUs,
        Outcome outcome,
        @Nullable ErrorKind errorKind,
        @Nullable String error,
        List<StepResult> steps) {

    public RunResult {
        steps = steps == null ? List.of() : List.copyOf(steps); // empty lists are omitted in JSON
    }
}

package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/**
 * One step of a stored run. Durations are microseconds; a phase that could not be measured is null rather than
 * guessed. {@code failures} holds the failed assertions as JSON.
 */
@MappedEntity("run_steps")
public record StoredStep(
        @EmbeddedId Key key,
        String name,
        StepOutcome outcome,
        @Nullable Long durationUs,
        @Nullable Long dnsUs,
        @Nullable Long connectUs,
        @Nullable Long tlsUs,
        @Nullable Long firstByteUs,
        @Nullable Boolean newConnection,
        @Nullable Short httpStatus,
        @Nullable String errorKind,
        @Nullable String error,
        @Nullable String failures,
        @Nullable String excerpt) {

    @Embeddable
    public record Key(@MappedProperty("run_id") UUID runId, @MappedProperty("step_index") short index) {
    }
}

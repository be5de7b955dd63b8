package dev.dapple.result;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** Like {@link JourneyRollup}, for one step: counts by step outcome and a histogram of step durations (µs). */
@MappedEntity("step_rollups")
public record StepRollup(
        @EmbeddedId Key key,
        int passedCount,
        int failedCount,
        int skippedCount,
        byte[] histogram) {

    @Embeddable
    public record Key(
            @MappedProperty("journey") String journey,
            @MappedProperty("step") String step,
            @MappedProperty("location") String location,
            @MappedProperty("bucket_seconds") int bucketSeconds,
            @MappedProperty("bucket_start") Instant bucketStart) {
    }
}

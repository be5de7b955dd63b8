package dev.dapple.result;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * Runs of one journey at one location in one time bucket (60 s, 3600 s or 86400 s wide): counts by outcome and an
 * HdrHistogram of run durations in microseconds, in HdrHistogram's compressed encoding.
 */
@MappedEntity("journey_rollups")
public record JourneyRollup(
        @EmbeddedId Key key,
        int upCount,
        int degradedCount,
        int downCount,
        int errorCount,
        byte[] histogram) {

    @Embeddable
    public record Key(
            @MappedProperty("journey") String journey,
            @MappedProperty("location") String location,
            @MappedProperty("bucket_seconds") int bucketSeconds,
            @MappedProperty("bucket_start") Instant bucketStart) {
    }
}

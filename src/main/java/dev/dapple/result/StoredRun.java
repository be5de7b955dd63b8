package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A run as stored: one row per (journey, location, planned time), whose id is derived from those three.
 * {@code startedAt} and {@code durationUs} are null for a run that was missed.
 */
@MappedEntity("runs")
public record StoredRun(
        @Id UUID id,
        String journey,
        String journeyVersion,
        String location,
        String probe,
        Instant plannedAt,
        @Nullable Instant startedAt,
        @Nullable Long durationUs,
        Outcome outcome,
        @Nullable String errorKind,
        @Nullable String error,
        Instant receivedAt) {
}

package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A run as stored: one row per (journey, location, planned time), whose id is derived from those three. The columns
 * are what queries filter and sort by; everything else, steps included, is {@code detail} ({@link RunDetailCodec}).
 * {@code startedAt} and {@code durationUs} are null for a run that was missed.
 */
@MappedEntity("runs")
public record StoredRun(
        @Id UUID id,
        String journey,
        String location,
        Instant plannedAt,
        @Nullable Instant startedAt,
        @Nullable Long durationUs,
        Outcome outcome,
        Instant receivedAt,
        byte[] detail) {

    // A record compares arrays by identity; a row is a value.
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRun o && id.equals(o.id) && journey.equals(o.journey)
                && location.equals(o.location) && plannedAt.equals(o.plannedAt)
                && Objects.equals(startedAt, o.startedAt) && Objects.equals(durationUs, o.durationUs)
                && outcome == o.outcome && receivedAt.equals(o.receivedAt) && Arrays.equals(detail, o.detail);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "StoredRun[" + id + ", " + journey + ", " + location + ", " + plannedAt + ", " + outcome + ", "
                + detail.length + " detail bytes]";
    }
}

package dev.dapple.journey;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** One published version of a journey, kept so that every stored run can show the definition it ran. */
@MappedEntity("journey_versions")
public record JourneyVersion(@EmbeddedId Key key, String definition, Instant firstSeenAt) {

    @Embeddable
    public record Key(@MappedProperty("journey") String journey, @MappedProperty("content_hash") String contentHash) {
    }
}

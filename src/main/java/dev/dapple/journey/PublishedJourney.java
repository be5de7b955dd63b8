package dev.dapple.journey;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A journey in the published catalog: its name, the content hash of its current version, and where it came from. */
@MappedEntity("journeys")
public record PublishedJourney(@Id String name, String contentHash, String sourcePath, Instant publishedAt) {
}

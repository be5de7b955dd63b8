package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;

/** What ingest made of a {@link Results} batch: new runs, and runs it already held (replays after an outage). */
@Serdeable
public record Stored(int accepted, int duplicates) {
}

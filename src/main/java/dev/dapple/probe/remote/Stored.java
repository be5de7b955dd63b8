package dev.dapple.probe.remote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * What ingest made of a {@link Results} batch: new runs, runs it already held (replays after an outage), and the
 * results it refused, each with its reason. The whole batch is done with: a refused result is never sent again.
 */
@Serdeable
public record Stored(int accepted, int duplicates, List<Refused> refused) {

    public Stored {
        refused = refused == null ? List.of() : List.copyOf(refused); // an empty list is left out of the JSON
    }

    /** One result ingest refused: its run id (null when it had none) and why. */
    @Serdeable
    public record Refused(@Nullable UUID id, String reason) {
    }
}

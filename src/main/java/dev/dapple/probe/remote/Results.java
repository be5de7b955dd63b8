package dev.dapple.probe.remote;

import dev.dapple.result.RunResult;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A batch of finished runs from one probe; every result's location must be the probe token's location. */
@Serdeable
public record Results(String probe, List<RunResult> results) {

    public Results {
        // Serde leaves an empty list out of the JSON, so an empty one arrives as null.
        results = results == null ? List.of() : List.copyOf(results);
    }
}

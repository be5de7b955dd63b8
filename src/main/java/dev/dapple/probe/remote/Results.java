package dev.dapple.probe.remote;

import dev.dapple.result.RunResult;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A batch of finished runs from one probe; every result's location must be the probe token's location. */
@Serdeable
public record Results(String probe, List<RunResult> results) {

    public Results {
        results = results == null ? List.of() : List.copyOf(results); // an empty list is left out of the JSON
    }
}

package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A probe's heartbeat and what it reports of itself.
 *
 * @param bufferDepth   results waiting in its disk buffer
 * @param bufferDropped results its full buffer dropped since it started
 * @param assigned      the journeys it runs now
 */
@Serdeable
public record Beat(String probe, String version, int running, int capacity, long bufferDepth, long bufferDropped,
                   List<String> assigned) {

    public Beat {
        assigned = assigned == null ? List.of() : List.copyOf(assigned); // an empty list is left out of the JSON
    }
}

package dev.dapple.probe.remote;

import dev.dapple.probe.ProbeStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/probes}: every location with its state, and every probe, as of {@code at}. */
@Serdeable
public record ProbesReport(Instant at, List<LocationStatus> locations, List<ProbeStatus> probes) {

    public ProbesReport {
        locations = List.copyOf(locations);
        probes = List.copyOf(probes);
    }
}

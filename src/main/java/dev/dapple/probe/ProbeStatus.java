package dev.dapple.probe;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One probe as the server last heard of it, for {@code /api/probes} and the dashboard's probes page.
 *
 * @param location      the location it runs journeys for
 * @param probe         its name, unique within the location (the embedded probe is {@code embedded@HOST})
 * @param version       the Dapple version it runs
 * @param lastHeartbeat when it last reported in
 * @param silent        its heartbeat expired: its journeys moved to others of its location, or nowhere
 * @param assigned      the journeys it runs now, sorted
 * @param running       runs in progress
 * @param capacity      the most runs it holds in progress at once
 * @param bufferDepth   results waiting in its disk buffer for the server
 * @param bufferDropped results its full buffer dropped since it started
 */
@Serdeable
public record ProbeStatus(String location, String probe, String version, Instant lastHeartbeat, boolean silent,
                          List<String> assigned, int running, int capacity, long bufferDepth, long bufferDropped) {

    /** This build's version, as Maven wrote it into the jar; {@code dev} when run from classes. */
    public static final String VERSION = versionOf(ProbeStatus.class.getPackage().getImplementationVersion());

    public ProbeStatus {
        assigned = assigned == null ? List.of() : List.copyOf(assigned); // an empty list is left out of the JSON
    }

    private static String versionOf(String implementationVersion) {
        return implementationVersion == null ? "dev" : implementationVersion;
    }
}

package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;

/**
 * The server's answer to {@link Hello}. {@code server} is always {@value #SERVER}: an agent that gets anything else
 * talks to something that is not a Dapple server.
 *
 * @param location          the location the probe's token is bound to
 * @param heartbeatInterval how often the probe sends a {@link Beat}
 * @param heartbeatExpiry   how long after its last beat a probe counts as silent and loses its journeys
 * @param pullInterval      how often the probe asks for its {@link Assignments}
 * Durations are ISO-8601 text on the wire ({@link IsoDuration}).
 */
@Serdeable
public record Welcome(String server, String version, String location,
                      @Serdeable.Serializable(using = IsoDuration.class) @Serdeable.Deserializable(using = IsoDuration.class)
                      Duration heartbeatInterval,
                      @Serdeable.Serializable(using = IsoDuration.class) @Serdeable.Deserializable(using = IsoDuration.class)
                      Duration heartbeatExpiry,
                      @Serdeable.Serializable(using = IsoDuration.class) @Serdeable.Deserializable(using = IsoDuration.class)
                      Duration pullInterval) {

    public static final String SERVER = "dapple";
}

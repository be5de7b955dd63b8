package dev.dapple.probe.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a remote probe agent needs to know before it talks to a server.
 *
 * @param server         the Dapple server's base URL
 * @param location       the location this probe serves; its token must be bound to the same one
 * @param probe          this probe's name, unique within its location
 * @param token          the probe token (never logged, never in {@link #toString()})
 * @param dataDir        where the last assignments and the result buffer are kept across restarts
 * @param bufferBytes    room for results on disk; past it the oldest are dropped and counted
 * @param batchSize      results sent in one push at most
 * @param flushInterval  how long a result waits on disk, at most, before a push while the server is reachable
 * @param firstRetry     backoff base after a failed attempt to reach the server
 * @param maxRetry       backoff cap
 * @param connectTimeout bound on connecting to the server
 * @param requestTimeout bound on one request to the server, answer included
 */
public record AgentSettings(URI server, String location, String probe, String token, Path dataDir, long bufferBytes,
                            int batchSize, Duration flushInterval, Duration firstRetry, Duration maxRetry,
                            Duration connectTimeout, Duration requestTimeout) {

    public static final long DEFAULT_BUFFER_BYTES = 100L << 20;

    public AgentSettings {
        if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
            throw new IllegalArgumentException("the server must be an http:// or https:// URL like "
                    + "http://dapple.example.com:8080, not '" + server + "'");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no probe token: pass --token-file FILE or set DAPPLE_PROBE_TOKEN "
                    + "(create one on the server with: java -jar dapple.jar token create --location " + location + ")");
        }
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("the result buffer must hold at least 1 byte, not " + bufferBytes);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
        token = token.strip();
    }

    /** The longest a probe waits between attempts to reach a server that is away. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** The production timings: batches of 200 sent every second, retries from 1 s up to {@link #MAX_BACKOFF}. */
    public static AgentSettings of(URI server, String location, String probe, String token, Path dataDir,
                                   long bufferBytes) {
        return new AgentSettings(server, location, probe, token, dataDir, bufferBytes, 200, Duration.ofSeconds(1),
                Duration.ofSeconds(1), MAX_BACKOFF, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** The server URL without a trailing slash, for messages and request paths. */
    String base() {
        String text = server.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public String toString() {
        return "AgentSettings[server=" + server + ", location=" + location + ", probe=" + probe + ", token=***, dataDir="
                + dataDir + ", bufferBytes=" + bufferBytes + "]";
    }
}

package dev.dapple.probe;

import com.sun.net.httpserver.HttpServer;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a small journey against a throwaway loopback target before real work, so that the first real step measures
 * the target and not the JVM loading and compiling the HTTP client, JSON and assertion code (in a fresh JVM that
 * added several hundred milliseconds to the first step).
 */
@Singleton
public final class ProbeWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeWarmUp.class);
    private static final String JOURNEY = """
            name: dapple-warm-up
            interval: 1m
            steps:
              - name: post
                post: ${base}/warm-up
                headers: { X-Warm-Up: "${uuid}" }
                json: { user: dapple, n: 1 }
                expect:
                  - status == 200
                  - $.ok == true
                  - header.Content-Type contains "json"
                  - duration < 10s
                extract:
                  token: $.token
              - name: get
                get: ${base}/warm-up?token=${token}
            """;
    private static final byte[] BODY = "{\"ok\":true,\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8);

    private final JourneyRunner runner;

    public ProbeWarmUp(JourneyRunner runner) {
        this.runner = runner;
    }

    /**
     * Best effort: a warm-up that fails only costs the warm-up, never the real run.
     *
     * @return whether the warm-up journey ran UP, i.e. every part it exercises is loaded
     */
    public boolean warmUp() {
        HttpServer server = null;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            });
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            var parsed = (ParseResult.Parsed) JourneyParser.parse("warm-up.yaml",
                    JOURNEY.replace("${base}", base).getBytes(StandardCharsets.UTF_8), Path.of("warm-up.yaml"));
            Journey journey = parsed.journey();
            RunResult result = null;
            for (int i = 0; i < 3; i++) {
                result = runner.run(journey, new RunPlan("warm-up", "warm-up", Instant.EPOCH, Map.of()));
            }
            if (result.outcome() != Outcome.UP) {
                LOG.debug("warm-up run was {}: {}", result.outcome(), result.error());
            }
            return result.outcome() == Outcome.UP;
        } catch (IOException | RuntimeException e) {
            LOG.debug("warm-up skipped: {}", e.toString());
            return false;
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}

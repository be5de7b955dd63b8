package dev.dapple.probe.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dapple.probe.AgentRunners;
import dev.dapple.probe.ProbeSchedulerConfiguration;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.Ticker;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.ProbeTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A real Dapple server (its own application context and HTTP port on loopback, H2 in a file so a restart on the
 * same port keeps its data) and real probe agents talking to it over HTTP, each with its own data dir, clock and
 * {@code env.*} values, running journeys against a real HTTP target that records every request it serves. The
 * probe timings are short: heartbeat every 200 ms, expiry 1 s, pull every 300 ms.
 */
final class LoopbackRig implements AutoCloseable {

    static final String SECRET = "s3cr3t-Loopback-7Qx";
    static final Duration HEARTBEAT_EXPIRY = Duration.ofSeconds(1);
    static final Duration PULL_INTERVAL = Duration.ofMillis(300);

    /** One request the target served: which journey, location and probe sent it, and the probe's clock then. */
    record Hit(String journey, String location, String probe, Instant at) {
    }

    private final Path dir;
    private final int port;
    private final ApplicationContext agentContext;
    private final HttpServer target;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final List<Running> agents = new ArrayList<>();
    private final List<Throwable> agentFailures = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> serverProperties = new HashMap<>();
    private EmbeddedServer server;

    private record Running(ProbeAgent agent, Thread thread) {
    }

    LoopbackRig(Path dir, Map<String, String> journeys) throws IOException {
        this.dir = dir;
        Path journeyDir = Files.createDirectories(dir.resolve("journeys"));
        for (var journey : journeys.entrySet()) {
            Files.writeString(journeyDir.resolve(journey.getKey() + ".yaml"), journey.getValue());
        }
        Path secrets = Files.createDirectories(dir.resolve("probe-secrets"));
        Files.writeString(secrets.resolve("SHOP_KEY"), SECRET + "\n");
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        this.serverProperties.putAll(Map.ofEntries(
                Map.entry("micronaut.server.port", String.valueOf(port)),
                Map.entry("micronaut.server.host", "127.0.0.1"),
                Map.entry("dapple.data-dir", dir.resolve("server-data").toString()),
                Map.entry("dapple.db.url", "jdbc:h2:file:" + dir.resolve("server-data/dapple")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"),
                Map.entry("dapple.journeys.dir", journeyDir.toString()),
                Map.entry("dapple.journeys.poll-interval", "100ms"),
                Map.entry("dapple.probe.embedded", "false"),
                Map.entry("dapple.demo.enabled", "false"),
                Map.entry("dapple.probe.heartbeat-interval", "200ms"),
                Map.entry("dapple.probe.heartbeat-expiry", "1s"),
                Map.entry("dapple.probe.pull-interval", "300ms")));
        // What the agents' process would have: the runner's beans (HTTP exchanger, secrets), no database.
        agentContext = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false).banner(false)
                .properties(Map.of("datasources.default.enabled", false, "flyway.datasources.default.enabled", false,
                        "micronaut.health.monitor.enabled", false, "dapple.secrets-dir", secrets.toString()))
                .start();
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/ok", exchange -> serve(exchange, 200));
        target.createContext("/fail", exchange -> serve(exchange, 503));
        target.start();
    }

    /** Records the hit and answers, echoing the X-Key header so an unmasked secret would reach the result. */
    private void serve(HttpExchange exchange, int status) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (query.containsKey("t")) {
            hits.add(new Hit(query.get("journey"), query.get("location"), query.get("probe"),
                    Instant.ofEpochMilli(Long.parseLong(query.get("t")))));
        }
        byte[] body = ("{\"ok\":" + (status == 200) + ",\"echo\":\"" + exchange.getRequestHeaders().getFirst("X-Key")
                + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    String targetUrl(String path) {
        return "http://127.0.0.1:" + target.getAddress().getPort() + path;
    }

    String serverUrl() {
        return "http://127.0.0.1:" + port;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    void startServer() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(serverProperties), "test");
    }

    /** Stops the server like an operator would: its context closes, the port and the H2 file are released. */
    void stopServer() {
        server.getApplicationContext().close();
        server = null;
    }

    <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    String token(String location) throws Exception {
        return bean(ProbeTokens.class).create(location, "loopback test", Instant.now()).token();
    }

    /**
     * Announces a probe with one heartbeat, as its agent's first beat would: probes announced together before their
     * agents start get their final share at their first pull, so no journey changes hands while all are live.
     */
    void announce(String token, String probe) throws Exception {
        JsonMapper json = agentContext.getBean(JsonMapper.class);
        var beat = new Beat(probe, ProbeStatus.VERSION, 0, 200, 0, 0, List.of());
        var response = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + "/api/probe/heartbeat"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(beat))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
    }

    String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    /** Starts an agent on its own thread, with its own data dir and {@code env.*} values; time from {@code clock}. */
    <C extends Clock & Ticker> ProbeAgent startAgent(String location, String probe, String token,
                                                     Map<String, String> environment, C clock) throws IOException {
        var settings = new AgentSettings(URI.create(serverUrl()), location, probe, token,
                Files.createDirectories(dir.resolve("agent-" + probe)), 1L << 22, 50, Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(5));
        var runner = AgentRunners.withEnvironment(agentContext, environment, clock);
        var agent = new ProbeAgent(settings, runner::run, new ProbeSchedulerConfiguration(200, Duration.ofSeconds(2)),
                agentContext.getBean(JsonMapper.class), clock, clock);
        Thread thread = Thread.ofPlatform().name("agent-" + probe).start(() -> {
            try {
                agent.run();
            } catch (Throwable e) {
                agentFailures.add(e);
            }
        });
        agents.add(new Running(agent, thread));
        return agent;
    }

    /**
     * Stops an agent. The protocol has no goodbye, so to the server this is a crash: the probe just falls silent
     * (the agent's last push of what it buffered is what a restarted crashed probe would send from its disk).
     */
    void stopAgent(ProbeAgent agent) throws InterruptedException {
        for (Running running : agents) {
            if (running.agent() == agent) {
                agent.stop();
                running.thread().join(Duration.ofSeconds(20));
            }
        }
    }

    void stopAgents() throws InterruptedException {
        for (Running running : agents) {
            stopAgent(running.agent());
        }
    }

    List<Throwable> agentFailures() {
        return List.copyOf(agentFailures);
    }

    @Override
    public void close() throws Exception {
        stopAgents();
        if (server != null) {
            stopServer();
        }
        target.stop(0);
        agentContext.close();
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + within.toMillis() + " ms waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}

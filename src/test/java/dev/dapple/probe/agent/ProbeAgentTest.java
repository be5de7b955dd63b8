package dev.dapple.probe.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.probe.JourneyRunner;
import dev.dapple.probe.ProbeSchedulerConfiguration;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.RunPlan;
import dev.dapple.probe.remote.AssignedJourney;
import dev.dapple.probe.remote.Assignments;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.Results;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The agent against a recording stand-in for the Dapple server and a real HTTP target its journey calls, on the real
 * scheduler and runner, with time running 50 times faster so a 10 s journey runs every 200 ms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeAgentTest {

    static final String SECRET = "s3cr3t-Zq9-probe";
    static final String TOKEN = "tok-eu-123";
    static final String LOCATION = "eu-west";

    ApplicationContext context;
    JourneyRunner runner;
    JsonMapper json;
    HttpServer target;
    final List<String> keysSeenByTarget = new CopyOnWriteArrayList<>();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final List<Thread> agents = new ArrayList<>();
    final List<ProbeAgent> running = new ArrayList<>();
    final List<StandInServer> servers = new ArrayList<>();

    Path dataDir;

    @BeforeAll
    void start() throws IOException {
        Path secrets = Files.createTempDirectory("dapple-probe-secrets");
        Files.writeString(secrets.resolve("PROBE_KEY"), SECRET + "\n");
        context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false).banner(false)
                .properties(Map.of("datasources.default.enabled", false, "flyway.datasources.default.enabled", false,
                        "micronaut.health.monitor.enabled", false, "dapple.secrets-dir", secrets.toString()))
                .start();
        runner = context.getBean(JourneyRunner.class);
        json = context.getBean(JsonMapper.class);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/ok", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("X-Key");
            keysSeenByTarget.add(key);
            // Echoes the secret back, so the result's response excerpt would carry it if the probe did not mask it.
            byte[] body = ("{\"ok\":true,\"echo\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        ((Logger) LoggerFactory.getLogger(ProbeAgent.class)).addAppender(log);
        log.start();
    }

    @AfterAll
    void stopAll() {
        ((Logger) LoggerFactory.getLogger(ProbeAgent.class)).detachAppender(log);
        target.stop(0);
        context.close();
    }

    @BeforeEach
    void clear() throws IOException {
        dataDir = Files.createTempDirectory("dapple-probe-data");
        log.list.clear();
        keysSeenByTarget.clear();
    }

    @AfterEach
    void stopAgents() throws InterruptedException {
        running.forEach(ProbeAgent::stop);
        for (Thread thread : agents) {
            thread.join(Duration.ofSeconds(20));
        }
        agents.clear();
        running.clear();
        servers.forEach(StandInServer::close);
        servers.clear();
    }

    @Test
    void registersHeartbeatsPullsAndPushesResultsOfTheAssignedJourney() throws Exception {
        StandInServer server = server();
        ProbeAgent agent = start(settings(server.url(), 1L << 20));

        await("results pushed", () -> !server.to("results").isEmpty());

        var register = server.to("register").getFirst();
        assertEquals("POST", register.method());
        assertEquals("{\"probe\":\"p1\",\"version\":\"" + ProbeStatus.VERSION + "\",\"capacity\":200}", register.body());
        assertTrue(server.received().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.authorization())),
                "every request carries the probe's token");
        assertEquals("probe=p1", server.to("assignments").getFirst().query());
        assertEquals("GET", server.to("assignments").getFirst().method());

        await("a heartbeat naming the assigned journey", () -> server.to("heartbeat").stream()
                .map(r -> read(r.body(), Beat.class)).anyMatch(b -> b.assigned().equals(List.of("ping"))));
        Beat beat = server.to("heartbeat").stream().map(r -> read(r.body(), Beat.class))
                .filter(b -> !b.assigned().isEmpty()).findFirst().orElseThrow();
        assertEquals("p1", beat.probe());
        assertEquals(ProbeStatus.VERSION, beat.version());
        assertEquals(200, beat.capacity());
        assertEquals(0, beat.bufferDropped());

        Results pushed = read(server.to("results").getFirst().body(), Results.class);
        assertEquals("p1", pushed.probe());
        RunResult run = pushed.results().getFirst();
        assertEquals("ping", run.journey());
        assertEquals(LOCATION, run.location());
        assertEquals("p1", run.probe());
        assertEquals(Outcome.UP, run.outcome(), () -> String.valueOf(run.error()));
        assertEquals(journey().contentHash(), run.journeyVersion());

        assertTrue(keysSeenByTarget.contains(SECRET), "the probe resolved secret.PROBE_KEY itself");
        assertTrue(server.received().stream().noneMatch(r -> r.body().contains(SECRET)),
                "the secret never goes to the server");
        assertTrue(server.to("results").getFirst().body().contains("\\\"echo\\\":\\\"••••\\\""),
                () -> "the echoed secret is masked in the pushed result: " + server.to("results").getFirst().body());
        assertTrue(Files.readString(dataDir.resolve("assignments.json")).contains("name: ping"),
                "the assignments are kept for a restart");
        await("the buffer drains", () -> agent.buffered() == 0);
        assertTrue(log.list.stream().noneMatch(e -> e.getFormattedMessage().contains(TOKEN)), "the token is never logged");
    }

    @Test
    void keepsRunningAndBufferingThroughAnOutageThenDeliversEverythingOnce() throws Exception {
        StandInServer server = server();
        ProbeAgent agent = start(settings(server.url(), 1L << 20));
        await("results pushed", () -> !server.to("results").isEmpty());

        server.mode = StandInServer.Mode.FAILING;
        await("results buffered during the outage", () -> agent.buffered() >= 3);
        assertEquals(Set.of("ping"), agent.assigned(), "the last assignments keep running");
        assertTrue(messages().stream().anyMatch(m -> m.startsWith("server " + server.url() + " unreachable (HTTP 500 "
                + "application/problem+json), retrying in ") && m.endsWith(" results buffered")), messages()::toString);

        server.mode = StandInServer.Mode.DAPPLE;
        await("the backlog delivered", () -> agent.buffered() == 0 && messages().stream()
                .anyMatch(m -> m.startsWith("server " + server.url() + " reachable again after ")));
        List<RunResult> delivered = deliveredRuns(server);
        assertEquals(delivered.size(), delivered.stream().map(RunResult::id).distinct().count(),
                "no result is sent twice once it was taken");
        assertTrue(delivered.size() >= 4, "results from before, during and after the outage: " + delivered.size());
        assertTrue(server.to("results").stream().anyMatch(r -> read(r.body(), Results.class).results().size() >= 3),
                "the backlog (one file per result on disk) goes out in batches");
    }

    @Test
    void restartedWhileTheServerIsDownRunsTheLastAssignmentsFromDiskAndDeliversLater() throws Exception {
        StandInServer server = server();
        ProbeAgent first = start(settings(server.url(), 1L << 20));
        await("assignments kept on disk", () -> Files.exists(dataDir.resolve("assignments.json")));
        stop(first);
        server.close();
        servers.remove(server);

        // The server is gone (connection refused) when the probe starts again.
        ProbeAgent second = start(settings(server.url(), 1L << 20));
        await("the cached journey runs and its results wait on disk", () -> second.buffered() >= 2);
        assertEquals(Set.of("ping"), second.assigned());
        assertTrue(messages().stream().anyMatch(m -> m.matches("server " + server.url()
                        + " unreachable \\(Connection refused\\), retrying in \\d+\\.\\d s; \\d+ results buffered")),
                messages()::toString);

        StandInServer back = StandInServer.restart(server);
        servers.add(back);
        await("delivered when the server is back", () -> second.buffered() == 0 && !back.to("results").isEmpty());
        assertTrue(deliveredRuns(back).stream().allMatch(r -> r.location().equals(LOCATION)));
    }

    @Test
    void aFullBufferDropsTheOldestResultsAndCountsThem() throws Exception {
        StandInServer server = server();
        // Room for about two results: each new one pushes the oldest out.
        ProbeAgent agent = start(settings(server.url(), 2 * resultBytes() + resultBytes() / 2));
        await("assigned", () -> agent.assigned().equals(Set.of("ping")));
        server.mode = StandInServer.Mode.FAILING;
        Instant outage = time.instant();
        await("results dropped", () -> agent.dropped() >= 3);
        assertTrue(agent.buffered() <= 2, "the bound holds: " + agent.buffered());
        assertTrue(messages().stream().anyMatch(m -> m.contains("is full (") && m.contains("dropping the oldest")));

        server.mode = StandInServer.Mode.DAPPLE;
        Instant recovered = time.instant();
        await("a heartbeat reports the drops", () -> server.to("heartbeat").stream()
                .map(r -> read(r.body(), Beat.class)).anyMatch(b -> b.bufferDropped() >= 3));
        await("the rest delivered", () -> agent.buffered() == 0 && !server.to("results").isEmpty());
        assertTrue(agent.dropped() >= 3);
        assertTrue(deliveredRuns(server).stream()
                        .filter(r -> r.plannedAt().isAfter(outage) && r.plannedAt().isBefore(recovered)).count() <= 3,
                "of the results planned during the outage only the newest remain");
    }

    @Test
    void aWelcomeWithDurationsInNanosecondsAsMicronautWritesThemWorksToo() throws Exception {
        StandInServer server = server();
        server.welcome = "{\"server\":\"dapple\",\"version\":\"9.9.9\",\"location\":\"eu-west\","
                + "\"heartbeatInterval\":100000000,\"heartbeatExpiry\":30000000000,\"pullInterval\":100000000}";
        start(settings(server.url(), 1L << 20));
        await("heartbeats every 100 ms", () -> server.to("heartbeat").size() >= 3);
        assertTrue(messages().contains("probe p1 registered with " + server.url() + " (Dapple 9.9.9) for location eu-west"),
                messages()::toString);
    }

    @Test
    void resultsTheServerRefusesAreDroppedCountedAndLoggedSoTheyNeverBlockTheRest() throws Exception {
        StandInServer server = server();
        server.mode = StandInServer.Mode.REJECTING_RESULTS;
        ProbeAgent agent = start(settings(server.url(), 1L << 20));
        await("refused results dropped", () -> agent.dropped() >= 2 && agent.buffered() == 0);
        assertTrue(messages().stream().anyMatch(m -> m.matches("the server refused a batch of \\d+ results?, which "
                + "(is|are) dropped: HTTP 400 application/problem\\+json: .*a result's location is not the token's.*")),
                messages()::toString);
        assertEquals(Set.of("ping"), agent.assigned(), "the probe keeps running");
    }

    @Test
    void resultsRefusedOneByOneAreLoggedEachAndTheRestOfTheBatchIsDoneWith() throws Exception {
        StandInServer server = server();
        server.mode = StandInServer.Mode.REFUSING_FIRST_RESULT;
        ProbeAgent agent = start(settings(server.url(), 1L << 20));
        await("two batches pushed", () -> server.to("results").size() >= 2);
        await("the buffer emptied", () -> agent.buffered() == 0);
        List<String> refusals = messages().stream().filter(m -> m.startsWith("the server refused the result of"))
                .toList();
        assertFalse(refusals.isEmpty(), messages()::toString);
        assertTrue(refusals.stream().allMatch(m -> m.matches("the server refused the result of ping planned at "
                + "\\d{4}-\\d\\d-\\d\\dT\\S+Z, which is dropped: planned too far ahead")), refusals::toString);
        Set<String> sent = new java.util.HashSet<>();
        for (StandInServer.Received push : server.to("results")) {
            List<String> ids = JsonPath.read(push.body(), "$.results[*].id");
            for (String id : ids) {
                assertTrue(sent.add(id), "a batch answered with 200 is never sent again: " + id);
            }
        }
    }

    @Test
    void aRefusedTokenEndsTheAgentWithWhatToDo() throws Exception {
        StandInServer server = server();
        server.mode = StandInServer.Mode.UNAUTHORIZED;
        ProbeAgent agent = new ProbeAgent(settings(server.url(), 1L << 20), runner::run, config(), json, new FastTime(
                Instant.now(), 50), new FastTime(Instant.now(), 50));
        ProbeRefused refused = assertThrows(ProbeRefused.class, agent::run);
        assertEquals("the server " + server.url() + " refused this probe's token for location eu-west: create one "
                + "there with 'java -jar dapple.jar token create --location eu-west' and pass it with --token-file FILE "
                + "or DAPPLE_PROBE_TOKEN", refused.getMessage());
        assertEquals(1, server.received().size(), "no retry against a refusal");
    }

    @Test
    void somethingThatIsNotADappleServerEndsTheAgent() throws Exception {
        StandInServer server = server();
        server.mode = StandInServer.Mode.NOT_DAPPLE;
        ProbeAgent agent = new ProbeAgent(settings(server.url(), 1L << 20), runner::run, config(), json,
                new FastTime(Instant.now(), 50), new FastTime(Instant.now(), 50));
        ProbeRefused refused = assertThrows(ProbeRefused.class, agent::run);
        assertEquals(server.url() + " is not a Dapple server: it answered HTTP 200 text/html to POST "
                + "/api/probe/register; check --server (the URL people open the dashboard at)", refused.getMessage());
    }

    @Test
    void aTokenForAnotherLocationEndsTheAgent() throws Exception {
        StandInServer server = StandInServer.start("us-east", assignments());
        servers.add(server);
        ProbeAgent agent = new ProbeAgent(settings(server.url(), 1L << 20), runner::run, config(), json,
                new FastTime(Instant.now(), 50), new FastTime(Instant.now(), 50));
        ProbeRefused refused = assertThrows(ProbeRefused.class, agent::run);
        assertTrue(refused.getMessage().contains("binds this probe's token to location 'us-east', not 'eu-west'"),
                refused.getMessage());
    }

    @Test
    void settingsNeverShowTheToken() {
        assertFalse(settings("http://127.0.0.1:1", 1).toString().contains(TOKEN));
        var missing = assertThrows(IllegalArgumentException.class, () -> AgentSettings.of(URI.create(
                "http://127.0.0.1:1"), LOCATION, "p1", " ", dataDir, 1));
        assertTrue(missing.getMessage().startsWith("no probe token: pass --token-file FILE or set DAPPLE_PROBE_TOKEN"));
        var notHttp = assertThrows(IllegalArgumentException.class, () -> AgentSettings.of(URI.create(
                "dapple.example.com"), LOCATION, "p1", TOKEN, dataDir, 1));
        assertTrue(notHttp.getMessage().startsWith("the server must be an http:// or https:// URL"));
    }

    // Helpers.

    /** The agent's time, last started. */
    FastTime time;

    private StandInServer server() throws IOException {
        StandInServer server = StandInServer.start(LOCATION, assignments());
        servers.add(server);
        return server;
    }

    private ProbeAgent start(AgentSettings settings) {
        time = new FastTime(Instant.now(), 50);
        ProbeAgent agent = new ProbeAgent(settings, runner::run, config(), json, time, time);
        running.add(agent);
        agents.add(Thread.ofVirtual().start(() -> {
            try {
                agent.run();
            } catch (ProbeRefused | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        return agent;
    }

    private void stop(ProbeAgent agent) throws InterruptedException {
        int index = running.indexOf(agent);
        agent.stop();
        agents.get(index).join(Duration.ofSeconds(20));
    }

    private static ProbeSchedulerConfiguration config() {
        return new ProbeSchedulerConfiguration(200, Duration.ofSeconds(2));
    }

    private AgentSettings settings(String url, long bufferBytes) {
        return new AgentSettings(URI.create(url), LOCATION, "p1", TOKEN, dataDir, bufferBytes, 50,
                Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private String definition() {
        return """
                name: ping
                interval: 10s
                variables:
                  key: ${secret.PROBE_KEY}
                steps:
                  - name: get
                    get: http://127.0.0.1:%d/ok
                    headers: { X-Key: "${key}" }
                    expect: [status == 200, $.ok == true]
                alert:
                  channels: [only-the-server-knows-this-one]
                """.formatted(target.getAddress().getPort());
    }

    private dev.dapple.journey.Journey journey() {
        return ((ParseResult.Parsed) JourneyParser.parse("journeys/ping.yaml",
                definition().getBytes(StandardCharsets.UTF_8), Path.of("journeys/ping.yaml"))).journey();
    }

    private String assignments() throws IOException {
        return json.writeValueAsString(new Assignments(LOCATION, List.of(new AssignedJourney("ping",
                journey().contentHash(), "journeys/ping.yaml", definition()))));
    }

    /** The size of one real result on disk, to bound the buffer in results. */
    private long resultBytes() throws IOException {
        RunResult sample = runner.run(journey(), new RunPlan(LOCATION, "p1", Instant.now(), Map.of()));
        return json.writeValueAsString(sample).length() + 1;
    }

    private List<RunResult> deliveredRuns(StandInServer server) {
        return server.to("results").stream().flatMap(r -> read(r.body(), Results.class).results().stream()).toList();
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new AssertionError("unreadable " + type.getSimpleName() + ": " + body, e);
        }
    }

    private List<String> messages() {
        synchronized (log) { // the appender adds under this lock while agents log on their threads
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}

package dev.dapple.probe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The probe API over real HTTP: tokens (stored, configured, wrong, revoked, of another location), register,
 * heartbeat, assignments shared by rendezvous and moved when a probe falls silent, and idempotent results.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeApiTest implements TestPropertyProvider {

    static final String US_TOKEN = "configured-us-east-token";
    static final String CHECKOUT = "name: checkout\ninterval: 1m\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n";

    @Inject
    EmbeddedServer server;
    @Inject
    ProbeTokens tokens;
    @Inject
    JsonMapper json;
    @Inject
    javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private String euToken;
    private String revokedToken;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path journeys = Files.createTempDirectory("dapple-probe-journeys");
            Files.writeString(journeys.resolve("checkout.yaml"), CHECKOUT);
            for (String name : List.of("login", "search", "cart", "pay", "account", "logout", "browse")) {
                Files.writeString(journeys.resolve(name + ".yaml"), CHECKOUT.replace("checkout", name));
            }
            Files.writeString(journeys.resolve("us-only.yaml"), "name: us-only\ninterval: 1m\nlocations: [us-east]\n"
                    + "variables:\n  password: ${secret.US_PASSWORD}\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n");
            Path secrets = Files.createTempDirectory("dapple-probe-secrets");
            Files.writeString(secrets.resolve("US_PROBE_TOKEN"), US_TOKEN + "\n");
            return Map.of("dapple.journeys.dir", journeys.toString(), "dapple.journeys.poll-interval", "100ms",
                    "dapple.probe.embedded", "false", "dapple.secrets-dir", secrets.toString(),
                    "dapple.probe.tokens.us-east", "secret:US_PROBE_TOKEN",
                    "dapple.probe.heartbeat-interval", "200ms", "dapple.probe.heartbeat-expiry", "1s",
                    "dapple.probe.pull-interval", "300ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void tokens() throws Exception {
        euToken = tokens.create("eu-west", "test", Instant.now()).token();
        ProbeTokens.Created revoked = tokens.create("eu-west", null, Instant.now());
        tokens.revoke(revoked.row().id(), Instant.now());
        revokedToken = revoked.token();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutAGoodTokenEveryCallIsRefusedWithOneLogLineAndNoToken() throws Exception {
        var log = new ListAppender<ILoggingEvent>();
        var logger = (Logger) LoggerFactory.getLogger(ProbeTokenFilter.class);
        log.start();
        logger.addAppender(log);
        try {
            Hello hello = new Hello("p1", "1.0", 10);
            for (String token : new String[] {null, "wrong-token", revokedToken, ""}) {
                for (String path : List.of("/api/probe/register", "/api/probe/heartbeat", "/api/probe/results")) {
                    var response = send("POST", path, token, hello);
                    assertEquals(401, response.statusCode(), path + " with " + token);
                    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
                    assertFalse(revokedToken != null && response.body().contains(revokedToken), "never echoes a token");
                }
                assertEquals(401, send("GET", "/api/probe/assignments?probe=p1", token, null).statusCode());
            }
            var basic = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/probe/register"))
                    .header("Authorization", "Basic " + euToken).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertEquals(401, http.send(basic, HttpResponse.BodyHandlers.ofString()).statusCode());
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(17, lines.size(), "one line per refusal: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.contains(revokedToken) || l.contains("wrong-token")
                    || l.contains(euToken)), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("unknown or revoked probe token")), lines.toString());
            assertTrue(lines.getFirst().startsWith("401 POST /api/probe/register from "), lines.getFirst());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void registeringTellsTheProbeItsLocationAndTimings() throws Exception {
        var response = send("POST", "/api/probe/register", euToken, new Hello("reg-1", "1.0", 10));
        assertEquals(200, response.statusCode(), response.body());
        Welcome welcome = json.readValue(response.body(), Welcome.class);
        assertEquals(new Welcome("dapple", welcome.version(), "eu-west", Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMillis(300)), welcome);
        assertTrue(response.body().contains("\"heartbeatInterval\":\"PT0.2S\""), response.body());

        Welcome us = json.readValue(send("POST", "/api/probe/register", US_TOKEN, new Hello("reg-1", "1.0", 10)).body(),
                Welcome.class);
        assertEquals("us-east", us.location(), "a configured token is bound to its location");
    }

    @Test
    void badBodiesAreRefusedWithTheirReason() throws Exception {
        var empty = send("POST", "/api/probe/heartbeat", euToken, "");
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("the body is empty"), empty.body());
        var notJson = send("POST", "/api/probe/register", euToken, "{nope");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("the body is not {\\\"probe\\\""), notJson.body());
        var badName = send("POST", "/api/probe/register", euToken, new Hello("has space", "1", 1));
        assertEquals(400, badName.statusCode());
        assertTrue(badName.body().contains("probe must be a name"), badName.body());
        var noCapacity = send("POST", "/api/probe/heartbeat", euToken, new Beat("p", "1", 0, 0, 0, 0, List.of()));
        assertEquals(400, noCapacity.statusCode());
        assertTrue(noCapacity.body().contains("capacity must be at least 1"), noCapacity.body());
        var noProbe = send("GET", "/api/probe/assignments", euToken, null);
        assertEquals(400, noProbe.statusCode());
        assertTrue(noProbe.body().contains("?probe="), noProbe.body());
    }

    private Assignments assignments(String token, String probe) throws Exception {
        var response = send("GET", "/api/probe/assignments?probe=" + probe, token, null);
        assertEquals(200, response.statusCode(), response.body());
        return json.readValue(response.body(), Assignments.class);
    }

    private Set<String> names(Assignments assignments) {
        var names = new HashSet<String>();
        assignments.journeys().forEach(j -> names.add(j.name()));
        return names;
    }

    private void beat(String token, String probe) throws Exception {
        var response = send("POST", "/api/probe/heartbeat", token, new Beat(probe, "1.0", 0, 10, 0, 0, List.of()));
        assertEquals(204, response.statusCode(), response.body());
    }

    @Test
    void probesOfALocationShareItsJourneysAndASilentProbesMoveWithinTheExpiry() throws Exception {
        Set<String> eu = Set.of("checkout", "login", "search", "cart", "pay", "account", "logout", "browse");
        long deadline = System.nanoTime() + 15_000_000_000L;
        beat(euToken, "share-a");
        while (names(assignments(euToken, "share-a")).size() < eu.size() && System.nanoTime() < deadline) {
            Thread.sleep(100); // the leader publishes the catalog
            beat(euToken, "share-a");
        }
        Assignments alone = assignments(euToken, "share-a");
        assertEquals("eu-west", alone.location());
        assertEquals(eu, names(alone), "a lone probe runs every journey of its location, none of another's");
        AssignedJourney checkout = alone.journeys().stream().filter(j -> j.name().equals("checkout")).findFirst()
                .orElseThrow();
        assertEquals(CHECKOUT, checkout.definition(), "the published YAML source");
        assertEquals("checkout.yaml", checkout.file(), "the path within the journeys folder, not the server's");
        assertEquals(64, checkout.contentHash().length());

        beat(euToken, "share-b");
        Set<String> a = names(assignments(euToken, "share-a"));
        Set<String> b = names(assignments(euToken, "share-b"));
        var union = new HashSet<>(a);
        union.addAll(b);
        assertEquals(eu, union);
        assertEquals(eu.size(), a.size() + b.size(), "no journey is given to both: " + a + " " + b);
        assertFalse(a.isEmpty() || b.isEmpty(), "8 journeys over 2 probes: " + a + " " + b);

        // share-b falls silent: within the expiry (1 s) plus a pull, share-a has them all again.
        long silentSince = System.nanoTime();
        while (names(assignments(euToken, "share-a")).size() < eu.size()
                && System.nanoTime() - silentSince < 3_000_000_000L) {
            beat(euToken, "share-a");
            Thread.sleep(100);
        }
        assertEquals(eu, names(assignments(euToken, "share-a")));
        assertTrue(System.nanoTime() - silentSince >= 900_000_000L, "moved only once share-b's heartbeat expired");

        Assignments us = assignments(US_TOKEN, "us-1");
        assertEquals("us-east", us.location());
        assertTrue(names(us).containsAll(Set.of("us-only", "checkout")), names(us).toString());
        String usOnly = us.journeys().stream().filter(j -> j.name().equals("us-only")).findFirst().orElseThrow()
                .definition();
        assertTrue(usOnly.contains("${secret.US_PASSWORD}"), "secrets stay references the probe resolves: " + usOnly);
    }

    private static RunResult result(String journey, String location, Instant planned) {
        return new RunResult(RunIds.of(journey, location, planned), journey, "abc", location, "p1", planned,
                planned.plusMillis(2), 1_000L, Outcome.UP, null, null, List.of());
    }

    /** Waits until the leader has published the journey files: results are taken only for published journeys. */
    private void awaitCatalog() throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (assignments(US_TOKEN, "catalog-wait").journeys().stream().noneMatch(j -> j.name().equals("us-only"))
                && System.nanoTime() < deadline) {
            beat(US_TOKEN, "catalog-wait");
            Thread.sleep(100);
        }
    }

    private Stored stored(String token, Results batch) throws Exception {
        var response = send("POST", "/api/probe/results", token, batch);
        assertEquals(200, response.statusCode(), response.body());
        return json.readValue(response.body(), Stored.class);
    }

    @Test
    void resultsAreStoredOnceAndOnlyForTheTokensLocation() throws Exception {
        awaitCatalog();
        Instant t = Instant.parse("2026-12-03T09:00:00Z");
        var batch = new Results("p1", List.of(result("checkout", "eu-west", t), result("checkout", "eu-west",
                t.plusSeconds(60)), result("login", "eu-west", t)));
        assertEquals(new Stored(3, 0, List.of()), stored(euToken, batch));
        assertEquals(new Stored(0, 3, List.of()), stored(euToken, batch), "a replay never counts twice");

        RunResult elsewhere = result("checkout", "us-east", t);
        RunResult forged = result("checkout", "eu-west", t.plusSeconds(120));
        forged = new RunResult(java.util.UUID.randomUUID(), forged.journey(), forged.journeyVersion(), forged.location(),
                forged.probe(), forged.plannedAt(), forged.startedAt(), forged.durationUs(), forged.outcome(), null, null,
                List.of());
        RunResult good = result("checkout", "eu-west", t.plusSeconds(180));
        Stored mixed = stored(euToken, new Results("p1", List.of(elsewhere, forged, good)));
        assertEquals(1, mixed.accepted(), "the good result of a batch is stored: " + mixed);
        assertEquals(List.of(elsewhere.id(), forged.id()), mixed.refused().stream().map(Stored.Refused::id).toList());
        assertTrue(mixed.refused().get(0).reason().contains("bound to 'eu-west'"), mixed.toString());
        assertTrue(mixed.refused().get(1).reason().contains("is not the one derived from"), mixed.toString());

        var runs = http.send(HttpRequest.newBuilder(URI.create(server.getURL()
                + "/api/journeys/checkout/runs?location=eu-west")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> page = json.readValue(runs.body(), Argument.mapOf(String.class, Object.class));
        assertEquals(3, ((List<?>) page.get("runs")).size(), runs.body());
    }

    @Test
    void resultsOfJourneysNotPublishedThereOrTooFarAheadAreRefusedOneByOne() throws Exception {
        awaitCatalog();
        Instant now = Instant.now();
        RunResult unknown = result("no-such-journey", "eu-west", now);
        RunResult longName = result("x".repeat(300), "eu-west", now);
        RunResult usOnly = result("us-only", "eu-west", now);
        RunResult tomorrow = result("login", "eu-west", now.plus(Duration.ofDays(1)));
        RunResult good = result("login", "eu-west", now.minusSeconds(30));
        Stored stored = stored(euToken, new Results("p1", List.of(unknown, longName, usOnly, tomorrow, good)));
        assertEquals(1, stored.accepted(), stored.toString());
        List<String> reasons = stored.refused().stream().map(Stored.Refused::reason).toList();
        assertEquals(List.of(unknown.id(), longName.id(), usOnly.id(), tomorrow.id()),
                stored.refused().stream().map(Stored.Refused::id).toList());
        assertTrue(reasons.get(0).contains("the journey no-such-journey is not published for location eu-west"),
                reasons.toString());
        assertTrue(reasons.get(2).contains("the journey us-only is not published for location eu-west"),
                reasons.toString());
        assertTrue(reasons.get(3).contains("more than 5 minutes after the server's time"), reasons.toString());
        assertEquals(new Stored(1, 0, List.of()), stored(US_TOKEN, new Results("p1",
                List.of(result("us-only", "us-east", now)))), "published for us-east");
    }

    @Test
    void aVersionsDefinitionIsReadOnceNotOnEveryPull() throws Exception {
        awaitCatalog();
        beat(US_TOKEN, "catalog-wait");
        AssignedJourney first = assignments(US_TOKEN, "catalog-wait").journeys().getFirst();
        try (var connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                dataSource).getConnection();
             var update = connection.prepareStatement("UPDATE journey_versions SET definition = ? WHERE journey = ?"
                     + " AND content_hash = ?")) {
            update.setString(1, "changed behind the server's back");
            update.setString(2, first.name());
            update.setString(3, first.contentHash());
            assertEquals(1, update.executeUpdate());
            try {
                beat(US_TOKEN, "catalog-wait");
                AssignedJourney again = assignments(US_TOKEN, "catalog-wait").journeys().stream()
                        .filter(j -> j.name().equals(first.name())).findFirst().orElseThrow();
                assertEquals(first.definition(), again.definition(), "a version never changes, so it is not read again");
            } finally {
                update.setString(1, first.definition());
                update.executeUpdate();
            }
        }
    }

    @Test
    void aBatchThatIsNotOneIsRefusedWhole() throws Exception {
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        var results = new java.util.ArrayList<RunResult>();
        for (int i = 0; i < 1_001; i++) {
            results.add(result("checkout", "eu-west", t.plusSeconds(i)));
        }
        var tooMany = send("POST", "/api/probe/results", euToken, new Results("p1", results));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("at most 1000 results, not 1001"), tooMany.body());
        var badProbe = send("POST", "/api/probe/results", euToken, new Results("has space", List.of()));
        assertEquals(400, badProbe.statusCode());
        assertTrue(badProbe.body().contains("probe must be a name"), badProbe.body());
        var notJson = send("POST", "/api/probe/results", euToken, "{\"probe\": \"p1\", \"results\": [");
        assertEquals(400, notJson.statusCode());
    }

    @Test
    void apiProbesListsLocationsAndProbesWithoutAProbeToken() throws Exception {
        tokens.create("ap-south", null, Instant.now());
        var report = send("POST", "/api/probe/heartbeat", euToken,
                new Beat("listed", "9.9", 2, 8, 5, 1, List.of("checkout", "login")));
        assertEquals(204, report.statusCode());
        Instant now = Instant.now();
        var histogram = new org.HdrHistogram.Histogram(3);
        for (int i = 1; i <= 100; i++) {
            histogram.recordValue(i * 1_000L); // 1 ms .. 100 ms: p99 is 99 ms
        }
        var buffer = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        try (var connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                dataSource).getConnection(); var insert = connection.prepareStatement("INSERT INTO lateness_rollups"
                + " (location, bucket_seconds, bucket_start, missed_count, histogram) VALUES (?, 60, ?, 0, ?)")) {
            insert.setString(1, "eu-west");
            insert.setObject(2, dev.dapple.database.Timestamps.of(now.minusSeconds(600)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
            insert.setBytes(3, java.util.Arrays.copyOf(buffer.array(), length));
            insert.executeUpdate();
        }

        var response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/probes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        ProbesReport probes = json.readValue(response.body(), ProbesReport.class);
        var listed = probes.probes().stream().filter(p -> p.probe().equals("listed")).findFirst().orElseThrow();
        assertEquals(new dev.dapple.probe.ProbeStatus("eu-west", "listed", "9.9", listed.lastHeartbeat(), false,
                List.of("checkout", "login"), 2, 8, 5, 1), listed);
        var eu = probes.locations().stream().filter(l -> l.location().equals("eu-west")).findFirst().orElseThrow();
        assertEquals(LocationStatus.UP, eu.state());
        assertEquals(8, eu.journeys());
        assertEquals(99_000L, eu.latenessP99Us() / 1_000 * 1_000, "p99 of the merged minute histograms: " + eu);
        var ap = probes.locations().stream().filter(l -> l.location().equals("ap-south")).findFirst().orElseThrow();
        assertEquals(new LocationStatus("ap-south", LocationStatus.SILENT, 0, 0, 8, null), ap,
                "a token handed out whose probe never reported: silent");
        assertTrue(probes.locations().stream().anyMatch(l -> l.location().equals("us-east")),
                "the configured token's location is listed");

        var page = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/probes"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<th scope=\"row\">listed</th>") && page.body().contains("ap-south"),
                page.body());
    }
}

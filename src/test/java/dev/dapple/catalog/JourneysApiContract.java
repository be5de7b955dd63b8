package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.hash;
import static dev.dapple.catalog.CatalogFiles.invalid;
import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.leader.LeaderLease;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunRepository;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/journeys} and {@code GET /api/journeys/{name}} on every database ({@link H2JourneysApiTest},
 * {@link PostgresJourneysApiTest}): real catalog tables filled by the publisher, real runs written by ingest's
 * writer, real HTTP. The embedded probe is off, so the only runs are the ones a test writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
abstract class JourneysApiContract {

    static final String ADMIN_TOKEN = "api-test-admin-token";
    static final String SECRET = "hunter2-secret-value";
    /** Every feature the list and the detail show, and some they must not (secret, inline header, body). */
    static final String CHECKOUT = """
            name: checkout
            description: Log in and pay
            owner: team-payments
            severity: critical
            runbook: https://wiki.example.com/runbooks/checkout
            tags: [shop, payments]
            interval: 1m
            timeout: 20s
            locations: [eu-west, us-east]
            variables:
              base: https://shop.example.com
              password: ${secret.SHOP_PASSWORD}
            steps:
              - name: login
                post: ${base}/api/login
                json: { user: qa-bot, password: "${password}" }
                expect: [status == 200, $.token exists, duration < 800ms]
                extract: { token: $.token }
              - name: cart
                get: ${base}/cart?session=${token}
                headers: { X-Api-Key: inline-key-123 }
                critical: false
                retries: 2
                extract: { request: header.X-Request-Id, id: 'regex "id=(\\d+)"', code: status }
            slo:
              availability: 99.5%
              latency: { below: 3s, target: 99% }
              window: 28d
              hours: Mon-Fri 08:00-20:00 Europe/Berlin
              recovery: 10m
            alert:
              after: 3
              locations: 2
              channels: [pagerduty-payments]
            """;

    final Path dir = tempDir("dapple-api-journeys-");

    @Inject
    CatalogPublisher publisher;
    @Inject
    LeaderLease lease;
    @Inject
    PublishedJourneyRepository journeys;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    CatalogErrorRepository errors;
    @Inject
    RunWriter writer;
    @Inject
    RunRepository runs;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    JsonMapper json;

    /** This test's settings on top of the store's. */
    Map<String, String> properties(Map<String, String> store) {
        Path secrets = tempDir("dapple-api-secrets-");
        try {
            Files.writeString(secrets.resolve("SHOP_PASSWORD"), SECRET);
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), ADMIN_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var properties = new HashMap<>(store);
        properties.put("dapple.journeys.dir", dir.toString());
        properties.put("dapple.journeys.poll-interval", "1h");
        properties.put("dapple.probe.embedded", "false");
        properties.put("dapple.secrets-dir", secrets.toString());
        return properties;
    }

    @BeforeEach
    void empty() throws InterruptedException {
        CatalogFiles.clear(dir);
        runs.deleteAll();
        errors.deleteAll();
        versions.deleteAll();
        journeys.deleteAll();
        CatalogFiles.awaitLeader(lease);
    }

    @Test
    void theListShowsEachJourneysSummaryAndItsNewestRunPerLocationWithinTheBound() throws SQLException {
        write(dir, "shop/checkout.yaml", CHECKOUT);
        write(dir, "search.yaml", journey("search", "1h"));
        publisher.publish();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        writer.write(List.of(
                run("checkout", "eu-west", now.minus(Duration.ofMinutes(5)), Outcome.UP, null, null),
                run("checkout", "eu-west", now.minus(Duration.ofMinutes(2)), Outcome.DOWN, ErrorKind.ASSERTION,
                        "login: status 500 is not == 200"),
                run("checkout", "us-east", now.minus(Duration.ofMinutes(40)), Outcome.DOWN, ErrorKind.TIMEOUT, "slow"),
                run("checkout", "us-east", now.minus(Duration.ofMinutes(3)), Outcome.UP, null, null),
                // Older than 1m journey's bound (10m): not current any more.
                run("checkout", "ap-south", now.minus(Duration.ofMinutes(30)), Outcome.UP, null, null),
                // Within the 1h journey's bound (3 intervals), though long past the 1m journey's.
                run("search", "eu-west", now.minus(Duration.ofHours(2)), Outcome.ERROR, ErrorKind.MISSED, "saturated"),
                run("removed", "eu-west", now.minus(Duration.ofMinutes(1)), Outcome.UP, null, null)));

        List<Map<String, Object>> list = list();

        assertEquals(List.of("checkout", "search"), list.stream().map(item -> item.get("name")).toList());
        Map<String, Object> checkout = list.getFirst();
        assertEquals(hash(CHECKOUT), checkout.get("contentHash"));
        assertEquals(dir.resolve("shop/checkout.yaml").toString(), checkout.get("sourcePath"));
        assertEquals(journeys.findById("checkout").orElseThrow().publishedAt(),
                Instant.parse((String) checkout.get("publishedAt")));
        Map<String, Object> summary = (Map<String, Object>) checkout.get("summary");
        assertEquals("Log in and pay", summary.get("description"));
        assertEquals("team-payments", summary.get("owner"));
        assertEquals("critical", summary.get("severity"));
        assertEquals("https://wiki.example.com/runbooks/checkout", summary.get("runbook"));
        assertEquals(List.of("shop", "payments"), summary.get("tags"));
        assertEquals("1m", summary.get("interval"));
        assertEquals("20s", summary.get("timeout"));
        assertEquals(List.of("eu-west", "us-east"), summary.get("locations"));
        assertEquals(List.of(Map.of("name", "login", "method", "POST"), Map.of("name", "cart", "method", "GET")),
                summary.get("steps"));
        assertEquals(Map.of("availability", "99.5%", "degraded", "good", "latency", Map.of("below", "3s", "target", "99%"),
                "window", "28d", "hours", "Mon-Fri 08:00-20:00 Europe/Berlin", "recovery", "10m",
                "budgeting", "occurrences"), summary.get("slo"));
        assertNull(checkout.get("definition"), "the list leaves the full definition to GET /api/journeys/{name}");

        List<Map<String, Object>> current = (List<Map<String, Object>>) checkout.get("current");
        assertEquals(List.of("eu-west", "us-east"), current.stream().map(c -> c.get("location")).toList());
        Map<String, Object> euWest = current.getFirst();
        assertEquals("DOWN", euWest.get("outcome"));
        assertEquals("ASSERTION", euWest.get("errorKind"));
        assertEquals("login: status 500 is not == 200", euWest.get("error"));
        assertEquals(now.minus(Duration.ofMinutes(2)), Instant.parse((String) euWest.get("plannedAt")));
        assertEquals(RunIds.of("checkout", "eu-west", now.minus(Duration.ofMinutes(2))).toString(), euWest.get("runId"));
        assertEquals("UP", current.get(1).get("outcome"));
        assertFalse(current.get(1).containsKey("errorKind"), current.toString());
        assertEquals(now.minus(Duration.ofMinutes(2)), Instant.parse((String) checkout.get("lastRunAt")));

        Map<String, Object> search = list.get(1);
        List<Map<String, Object>> searchCurrent = (List<Map<String, Object>>) search.get("current");
        assertEquals(1, searchCurrent.size(), search.toString());
        assertEquals("ERROR", searchCurrent.getFirst().get("outcome"));
        assertEquals("MISSED", searchCurrent.getFirst().get("errorKind"));
        assertFalse(((Map<String, Object>) search.get("summary")).containsKey("slo"), search.toString());
    }

    @Test
    void aJourneyWithoutRecentRunsHasNoCurrentOutcome() throws SQLException {
        write(dir, "search.yaml", journey("search", "1m"));
        publisher.publish();
        writer.write(List.of(run("search", "eu-west", Instant.now().minus(Duration.ofHours(1)), Outcome.UP, null, null)));
        List<Map<String, Object>> list = list();

        Map<String, Object> search = list.getFirst();

        assertEquals("search", search.get("name"));
        assertFalse(search.containsKey("lastRunAt"), search.toString());
        assertTrue(((List<?>) search.getOrDefault("current", List.of())).isEmpty(), search.toString());
    }

    @Test
    void anInvalidFileShowsItsErrorsBesideTheLastValidVersionAndANeverValidFileShowsAlone() {
        write(dir, "search.yaml", journey("search", "1m"));
        publisher.publish();
        Path searchFile = write(dir, "search.yaml", invalid("search"));
        Path broken = write(dir, "a-broken.yaml", "name: [unclosed\n");
        publisher.publish();

        List<Map<String, Object>> list = list();

        assertEquals(2, list.size(), list.toString());
        Map<String, Object> search = list.getFirst();
        assertEquals("search", search.get("name"));
        assertEquals(hash(journey("search", "1m")), search.get("contentHash"), "the last valid version stays published");
        assertEquals("1m", ((Map<String, Object>) search.get("summary")).get("interval"));
        List<Map<String, Object>> searchErrors = (List<Map<String, Object>>) search.get("errors");
        assertFalse(searchErrors.isEmpty());
        assertTrue(searchErrors.stream().allMatch(e -> e.get("path").equals(searchFile.toString())), searchErrors.toString());
        assertTrue(searchErrors.stream().anyMatch(e -> e.get("message").toString().contains("intervall")), searchErrors.toString());

        Map<String, Object> neverValid = list.get(1);
        assertFalse(neverValid.containsKey("name"), "a file that never parsed has no journey name: " + neverValid);
        assertFalse(neverValid.containsKey("summary"), neverValid.toString());
        assertEquals(broken.toString(), neverValid.get("sourcePath"));
        List<Map<String, Object>> brokenErrors = (List<Map<String, Object>>) neverValid.get("errors");
        assertEquals(broken.toString(), brokenErrors.getFirst().get("path"));
        assertTrue(brokenErrors.getFirst().containsKey("line"), brokenErrors.toString());
    }

    @Test
    void theDetailShowsTheFullDefinitionAsWrittenAndNothingSecret() {
        write(dir, "checkout.yaml", CHECKOUT);
        publisher.publish();

        String body = client.toBlocking().retrieve("/api/journeys/checkout");

        Map<String, Object> detail = read(body, Map.class);
        assertEquals("checkout", detail.get("name"));
        assertEquals("1m", ((Map<String, Object>) detail.get("summary")).get("interval"));
        Map<String, Object> definition = (Map<String, Object>) detail.get("definition");
        List<Map<String, Object>> stepViews = (List<Map<String, Object>>) definition.get("steps");
        Map<String, Object> login = stepViews.getFirst();
        assertEquals("POST", login.get("method"));
        assertEquals("${base}/api/login", login.get("url"));
        assertEquals(List.of("status == 200", "$.token exists", "duration < 800ms"), login.get("expect"));
        assertEquals(Map.of("token", "$.token"), login.get("extract"));
        assertEquals(true, login.get("critical"));
        Map<String, Object> cart = stepViews.get(1);
        assertEquals("${base}/cart?session=${token}", cart.get("url"));
        assertEquals(List.of("status < 400"), cart.get("expect"), "a step without expect checks the default");
        assertEquals(Map.of("request", "header.X-Request-Id", "id", "regex \"id=(\\d+)\"", "code", "status"),
                cart.get("extract"));
        assertEquals(false, cart.get("critical"));
        assertEquals(2, cart.get("retries"));
        assertEquals("20s", cart.get("timeout"));
        assertEquals(Map.of("after", 3, "locations", 2, "channels", List.of("pagerduty-payments")), definition.get("alert"));
        assertFalse(body.contains(SECRET), body);
        assertFalse(body.contains("inline-key-123"), "header values are left out: " + body);
        assertFalse(body.contains("qa-bot"), "bodies are left out: " + body);
    }

    @Test
    void anUnknownNameIsAProblemNamingTheNearestAndThePublishedJourneys() {
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        write(dir, "search.yaml", journey("search", "1m"));
        publisher.publish();

        var refused = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve("/api/journeys/chekout"));

        assertEquals(HttpStatus.NOT_FOUND, refused.getStatus());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        Map<String, Object> problem = refused.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(404, problem.get("status"));
        assertEquals("no published journey named 'chekout' (did you mean 'checkout'?); published: checkout, search",
                problem.get("detail"));
    }

    @Test
    void runNowNeedsTheAdminTokenAndAnEmbeddedProbe() {
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        publisher.publish();

        var anonymous = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/api/journeys/checkout/run", "")));
        assertEquals(HttpStatus.UNAUTHORIZED, anonymous.getStatus());
        assertEquals("application/problem+json", anonymous.getResponse().getContentType().orElseThrow().toString());

        var noProbe = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/api/journeys/checkout/run", "").bearerAuth(ADMIN_TOKEN)));
        assertEquals(HttpStatus.CONFLICT, noProbe.getStatus());
        assertTrue(noProbe.getResponse().getBody(Map.class).orElseThrow().get("detail").toString()
                .contains("dapple.probe.embedded=false"));
    }

    private List<Map<String, Object>> list() {
        return (List<Map<String, Object>>) read(client.toBlocking().retrieve("/api/journeys"), Map.class).get("journeys");
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunResult run(String journey, String location, Instant planned, Outcome outcome, ErrorKind kind,
                         String error) {
        return new RunResult(RunIds.of(journey, location, planned), journey, "v1", location, "test-probe", planned,
                planned.plusMillis(2), 120_000L, outcome, kind, error, List.of());
    }

    private static Path tempDir(String prefix) {
        try {
            Path created = Files.createTempDirectory(prefix);
            created.toFile().deleteOnExit();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

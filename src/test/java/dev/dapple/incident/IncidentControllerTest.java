package dev.dapple.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.http.Problem;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The incidents API through a real embedded server, on incidents written with plain SQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentControllerTest implements TestPropertyProvider {

    static final String TOKEN = "incidents-admin-token";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    DataSource dataSource;

    Instant now;
    long checkoutOld;
    long checkoutRecent;
    long loginOpen;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-incidents-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("dapple.secrets-dir", secrets.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void incidents() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM incidents");
        }
        now = Instant.now();
        checkoutOld = insert("checkout", now.minus(Duration.ofHours(3)), Duration.ofMinutes(10), false);
        checkoutRecent = insert("checkout", now.minus(Duration.ofHours(1)), Duration.ofMinutes(30), true);
        loginOpen = insert("login", now.minus(Duration.ofMinutes(10)), null, false);
    }

    private long insert(String journey, Instant started, Duration length, boolean breached) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO incidents (journey, started_at,"
                     + " ended_at, locations, failing_steps, no_data, drill, bad_runs, recovery_breached, opened_at,"
                     + " resolved_at) VALUES (?, ?, ?, '[\"eu-west\",\"us-east\"]',"
                     + " '[{\"step\":\"pay\",\"firstError\":\"status 503\"}]', FALSE, FALSE, 7, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            Instant ended = length == null ? null : started.plus(length);
            insert.setString(1, journey);
            insert.setObject(2, started.atOffset(ZoneOffset.UTC));
            insert.setObject(3, ended == null ? null : ended.atOffset(ZoneOffset.UTC));
            insert.setBoolean(4, breached);
            insert.setObject(5, started.plusSeconds(65).atOffset(ZoneOffset.UTC));
            insert.setObject(6, ended == null ? null : ended.plusSeconds(5).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private Map<?, ?> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private List<?> ids(String uri) {
        return ((List<?>) get(uri).get("incidents")).stream().map(i -> ((Number) ((Map<?, ?>) i).get("id")).longValue())
                .toList();
    }

    private Map<?, ?> problem(MutableHttpRequest<?> request, HttpStatus status) {
        var error = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, Map.class));
        assertEquals(status, error.getStatus());
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString());
        return error.getResponse().getBody(Map.class).orElseThrow();
    }

    @Test
    void listsNewestFirstByStateAndJourney() {
        assertEquals(List.of(loginOpen, checkoutRecent, checkoutOld), ids("/api/incidents"));
        assertEquals(List.of(loginOpen), ids("/api/incidents?state=open"));
        assertEquals(List.of(checkoutRecent, checkoutOld), ids("/api/incidents?state=resolved"));
        assertEquals(List.of(checkoutRecent, checkoutOld), ids("/api/incidents?journey=checkout"));
        assertEquals(List.of(checkoutRecent), ids("/api/incidents?journey=checkout&limit=1"));
        assertEquals(List.of(), ids("/api/incidents?journey=nothing"));
    }

    @Test
    void badQueryParametersAreProblems() {
        assertEquals("state must be open or resolved, got 'closed'",
                problem(HttpRequest.GET("/api/incidents?state=closed"), HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("limit must be a whole number between 1 and 500, got '0'",
                problem(HttpRequest.GET("/api/incidents?limit=0"), HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("'seven' is not an incident id (a whole number)",
                problem(HttpRequest.GET("/api/incidents/seven"), HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("no incident with id 999999",
                problem(HttpRequest.GET("/api/incidents/999999"), HttpStatus.NOT_FOUND).get("detail"));
    }

    @Test
    void oneIncidentWithEverything() {
        Map<?, ?> incident = get("/api/incidents/" + checkoutRecent);
        assertEquals("checkout", incident.get("journey"));
        assertEquals("resolved", incident.get("state"));
        assertEquals(1800, ((Number) incident.get("durationSeconds")).intValue());
        assertEquals(List.of("eu-west", "us-east"), incident.get("locations"));
        assertEquals(List.of(Map.of("step", "pay", "firstError", "status 503")), incident.get("failingSteps"));
        assertEquals(7, incident.get("badRuns"));
        assertEquals(true, incident.get("recoveryBreached"));
        assertEquals(false, incident.get("noData"));
        assertEquals(false, incident.get("drill"));
        assertNotNull(incident.get("startedAt"));
        assertNotNull(incident.get("endedAt"));
        assertNull(incident.get("acknowledgedBy"));
        Map<?, ?> open = get("/api/incidents/" + loginOpen);
        assertEquals("open", open.get("state"));
        assertTrue(((Number) open.get("durationSeconds")).intValue() >= 600, "so far: " + open);
    }

    @Test
    void acknowledgingRecordsWhoAndWhenOnce() {
        String uri = "/api/incidents/" + loginOpen + "/ack";
        Map<?, ?> acked = client.toBlocking().retrieve(HttpRequest.POST(uri, Map.of("by", "alice")).bearerAuth(TOKEN),
                Map.class);
        assertEquals("alice", acked.get("acknowledgedBy"));
        assertNotNull(acked.get("acknowledgedAt"));
        assertEquals("alice", get("/api/incidents/" + loginOpen).get("acknowledgedBy"));

        String again = (String) problem(HttpRequest.POST(uri, Map.of("by", "bob")).bearerAuth(TOKEN),
                HttpStatus.CONFLICT).get("detail");
        assertTrue(again.startsWith("incident " + loginOpen + " was acknowledged already by alice at "), again);
        assertEquals("alice", get("/api/incidents/" + loginOpen).get("acknowledgedBy"));
    }

    @Test
    void acknowledgingNeedsWhoAKnownIncidentAndTheAdminToken() {
        String uri = "/api/incidents/" + checkoutOld + "/ack";
        assertEquals("say who acknowledges it: a JSON body like {\"by\": \"alice\"}",
                problem(HttpRequest.POST(uri, Map.of()).bearerAuth(TOKEN), HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("say who acknowledges it: a JSON body like {\"by\": \"alice\"}",
                problem(HttpRequest.POST(uri, Map.of("by", " ")).bearerAuth(TOKEN), HttpStatus.BAD_REQUEST)
                        .get("detail"));
        assertEquals("say who acknowledges it: a JSON body like {\"by\": \"alice\"}",
                problem(HttpRequest.POST(uri, "").contentType("application/json").bearerAuth(TOKEN),
                        HttpStatus.BAD_REQUEST).get("detail"));
        assertEquals("no incident with id 999999", problem(HttpRequest.POST("/api/incidents/999999/ack",
                Map.of("by", "alice")).bearerAuth(TOKEN), HttpStatus.NOT_FOUND).get("detail"));
        problem(HttpRequest.POST(uri, Map.of("by", "alice")), HttpStatus.UNAUTHORIZED);
        assertNull(get("/api/incidents/" + checkoutOld).get("acknowledgedBy"));
    }

    @Test
    void recoveryStatsOfAJourney() {
        Map<?, ?> stats = get("/api/journeys/checkout/incidents/stats?window=1d");
        assertEquals(2, stats.get("incidents"));
        assertEquals(2, stats.get("resolved"));
        assertEquals(1200, ((Number) stats.get("mttrSeconds")).intValue(), "(10 + 30) / 2 minutes");
        assertEquals(1800, ((Number) stats.get("longestRecoverySeconds")).intValue());
        assertEquals(1, stats.get("breaches"));
        assertEquals(2400, ((Number) stats.get("downtimeSeconds")).intValue());
        // (1 day − 40 min) / 2, give or take the moment the server read its clock
        long mtbf = ((Number) stats.get("mtbfSeconds")).longValue();
        assertTrue(Math.abs(mtbf - (86_400 - 2_400) / 2) < 60, "mtbf " + mtbf);
        assertEquals(1, get("/api/journeys/checkout/incidents/stats?window=2h").get("incidents"));
        assertEquals(0, get("/api/journeys/nothing/incidents/stats").get("incidents"));
        assertEquals("window: 'a week' is not a duration (expected a positive whole number and a unit: ms, s, m, h or d,"
                + " e.g. 800ms, 30s, 5m)", problem(HttpRequest.GET("/api/journeys/checkout/incidents/stats?window=a%20week"),
                HttpStatus.BAD_REQUEST).get("detail"));
    }
}

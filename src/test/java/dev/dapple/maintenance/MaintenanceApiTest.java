package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The maintenance and annotation API through a real server and HTTP client: success, each bad input, auth. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceApiTest implements TestPropertyProvider {

    static final String TOKEN = "maintenance-admin-token";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    MaintenanceStore store;
    @Inject
    MaintenanceCalendar calendar;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-maintenance-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("dapple.secrets-dir", secrets.toString(), "dapple.probe.embedded", "false");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.createStatement().executeUpdate("DELETE FROM maintenance_windows");
            connection.createStatement().executeUpdate("DELETE FROM annotations");
        }
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString();
    }

    private HttpResponse<Map> post(String path, String body) {
        return client.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(TOKEN), Map.class);
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, Map.class));
    }

    private void assertProblem(HttpStatus status, String detail, MutableHttpRequest<?> request) {
        HttpClientResponseException e = refused(request);
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        assertEquals(detail, e.getResponse().getBody(Map.class).orElseThrow().get("detail"));
    }

    @Test
    void aPostedWindowIsListedAndAppliesAtOnce() throws SQLException {
        Instant now = Instant.now();
        String body = "{\"name\": \"hotfix\", \"reason\": \"db failover\", \"journeys\": [\"checkout\"], \"start\": \""
                + local(now.minusSeconds(3600)) + "\", \"end\": \"" + local(now.plusSeconds(3600))
                + "\", \"zone\": \"UTC\", \"created_by\": \"ana\"}";
        HttpResponse<Map> created = post("/api/maintenance", body);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        Map<?, ?> window = created.body();
        assertEquals("/api/maintenance/" + window.get("id"), created.header("Location"));
        assertEquals("api", window.get("source"));
        assertEquals("maintenance", window.get("kind"));
        assertEquals("ana", window.get("createdBy"));
        assertEquals(true, window.get("active"));
        assertEquals(MaintenanceCalendar.Mode.MAINTENANCE, calendar.modeAt("checkout", List.of(), now),
                "this server's own write refreshes its calendar");

        store.replaceFileWindows(List.of(
                MaintenanceStoreContract.weekly("deploys", java.util.Set.of(java.time.DayOfWeek.TUESDAY), "06:00",
                        java.time.Duration.ofMinutes(30)),
                MaintenanceStoreContract.once("past", WindowDefinition.Kind.DRILL, List.of(), List.of(),
                        "2020-01-01T00:00", "2020-01-01T01:00")), now);
        List<Map> listed = client.toBlocking().retrieve(HttpRequest.GET("/api/maintenance"), Argument.listOf(Map.class));
        assertEquals(List.of("hotfix", "deploys"), listed.stream().map(w -> ((Map<?, ?>) w).get("name")).toList(),
                "current and upcoming, both sources; the past window is left out");
        Map<?, ?> weekly = (Map<?, ?>) listed.get(1);
        assertEquals("file", weekly.get("source"));
        assertEquals(Map.of("days", List.of("Tue"), "start", "06:00", "duration", "30m"), weekly.get("weekly"));
        assertTrue(((Map<?, ?>) weekly.get("next")).containsKey("from"));
    }

    @Test
    void badWindowsAre400WithTheProblem() {
        assertProblem(HttpStatus.BAD_REQUEST, "the body is empty: expected a JSON object (line 1, column 1)",
                HttpRequest.POST("/api/maintenance", "").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "expected a mapping (key: value), found a list (line 1, column 1)",
                HttpRequest.POST("/api/maintenance", "[]").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "unknown key 'nam' (did you mean 'name'?) (line 1, column 2);"
                        + " missing required key 'name' (line 1, column 1)",
                HttpRequest.POST("/api/maintenance", "{\"nam\": \"x\", \"weekly\": {\"days\": [\"Mon\"], \"start\": \"06:00\","
                        + " \"duration\": \"1h\"}, \"zone\": \"UTC\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "missing schedule: give start and end (once) or weekly (line 1, column 1)",
                HttpRequest.POST("/api/maintenance", "{\"name\": \"x\", \"zone\": \"UTC\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "zone: unknown time zone 'Nowhere' (expected a region such as"
                        + " Europe/Berlin, or UTC) (line 1, column 79)",
                HttpRequest.POST("/api/maintenance", "{\"name\": \"x\", \"start\": \"2026-12-01T10:00\", \"end\":"
                        + " \"2026-12-01T11:00\", \"zone\": \"Nowhere\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "end: the end (2026-12-01T09:00) must be after the start"
                        + " (2026-12-01T10:00) (line 1, column 51)",
                HttpRequest.POST("/api/maintenance", "{\"name\": \"x\", \"start\": \"2026-12-01T10:00\", \"end\":"
                        + " \"2026-12-01T09:00\", \"zone\": \"UTC\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "journeys: expected a list, found 'checkout' (line 1, column 27)",
                HttpRequest.POST("/api/maintenance", "{\"name\": \"x\", \"journeys\": \"checkout\", \"weekly\": {\"days\":"
                        + " [\"Mon\"], \"start\": \"06:00\", \"duration\": \"1h\"}, \"zone\": \"UTC\"}").bearerAuth(TOKEN));
    }

    @Test
    void writesNeedTheAdminToken() {
        assertEquals(HttpStatus.UNAUTHORIZED, refused(HttpRequest.POST("/api/maintenance", "{}")).getStatus());
        assertEquals(HttpStatus.UNAUTHORIZED, refused(HttpRequest.DELETE("/api/maintenance/1")).getStatus());
        assertEquals(HttpStatus.UNAUTHORIZED, refused(HttpRequest.POST("/api/annotations", "{}")).getStatus());
    }

    @Test
    void onlyApiWindowsAreDeleted() throws SQLException {
        Window api = store.add(MaintenanceStoreContract.once("a", WindowDefinition.Kind.MAINTENANCE, List.of(), List.of(),
                "2030-01-01T00:00", "2030-01-01T01:00"), Window.Source.API, null, Instant.now());
        store.replaceFileWindows(List.of(MaintenanceStoreContract.once("f", WindowDefinition.Kind.MAINTENANCE, List.of(),
                List.of(), "2030-01-01T00:00", "2030-01-01T01:00")), Instant.now());
        long file = store.all().stream().filter(w -> w.source() == Window.Source.FILE).findFirst().orElseThrow().id();

        assertEquals(HttpStatus.NO_CONTENT, client.toBlocking()
                .exchange(HttpRequest.DELETE("/api/maintenance/" + api.id()).bearerAuth(TOKEN)).getStatus());
        assertTrue(store.find(api.id()).orElseThrow().deleted());
        assertProblem(HttpStatus.NOT_FOUND, "no maintenance window with id " + api.id(),
                HttpRequest.DELETE("/api/maintenance/" + api.id()).bearerAuth(TOKEN));
        assertProblem(HttpStatus.CONFLICT, "window " + file + " comes from journeys/maintenance.yaml: edit"
                + " maintenance.yaml to change or remove it", HttpRequest.DELETE("/api/maintenance/" + file).bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "'abc' is not a window id (a number)",
                HttpRequest.DELETE("/api/maintenance/abc").bearerAuth(TOKEN));
    }

    @Test
    void annotationsAreStoredAndFoundByJourneyAndRange() {
        HttpResponse<Map> created = post("/api/annotations", "{\"text\": \"deployed v42\", \"from\":"
                + " \"2026-11-23T10:00:00Z\", \"to\": \"2026-11-23T10:05:00Z\", \"journeys\": [\"checkout\"]}");
        assertEquals(HttpStatus.CREATED, created.getStatus());
        assertEquals("deployed v42", created.body().get("text"));
        post("/api/annotations", "{\"text\": \"CDN incident\", \"from\": \"2026-11-23T12:00:00Z\", \"to\":"
                + " \"2026-11-23T13:00:00Z\"}");

        assertEquals(List.of("deployed v42", "CDN incident"), texts("/api/annotations?journey=checkout"
                + "&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z"));
        assertEquals(List.of("CDN incident"), texts("/api/annotations?journey=login"
                + "&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z"), "an annotation for every journey concerns login");
        assertEquals(List.of("deployed v42"), texts("/api/annotations?from=2026-11-23T10:04:00Z&to=2026-11-23T11:00:00Z"));
        assertEquals(List.of(), texts("/api/annotations?from=2026-11-22T00:00:00Z&to=2026-11-22T01:00:00Z"));
    }

    private List<Object> texts(String uri) {
        List<Map> found = client.toBlocking().retrieve(HttpRequest.GET(uri), Argument.listOf(Map.class));
        return found.stream().<Object>map(a -> ((Map<?, ?>) a).get("text")).toList();
    }

    @Test
    void badAnnotationsAre400WithTheProblem() {
        assertProblem(HttpStatus.BAD_REQUEST, "the body is empty: expected {\"text\": ..., \"from\": ..., \"to\": ...,"
                + " \"journeys\": [...]}", HttpRequest.POST("/api/annotations", "").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "text is required", HttpRequest.POST("/api/annotations",
                "{\"from\": \"2026-11-23T10:00:00Z\", \"to\": \"2026-11-23T10:05:00Z\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "from is required (an instant such as 2026-11-23T10:00:00Z)",
                HttpRequest.POST("/api/annotations", "{\"text\": \"x\", \"to\": \"2026-11-23T10:05:00Z\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "to must be an instant such as 2026-11-23T10:00:00Z, not 'tomorrow'",
                HttpRequest.POST("/api/annotations", "{\"text\": \"x\", \"from\": \"2026-11-23T10:00:00Z\", \"to\":"
                        + " \"tomorrow\"}").bearerAuth(TOKEN));
        assertProblem(HttpStatus.BAD_REQUEST, "to (2026-11-23T09:00:00Z) must not be before from (2026-11-23T10:00:00Z)",
                HttpRequest.POST("/api/annotations", "{\"text\": \"x\", \"from\": \"2026-11-23T10:00:00Z\", \"to\":"
                        + " \"2026-11-23T09:00:00Z\"}").bearerAuth(TOKEN));
        HttpClientResponseException notJson = refused(HttpRequest.POST("/api/annotations", "{text").bearerAuth(TOKEN));
        assertEquals(HttpStatus.BAD_REQUEST, notJson.getStatus());
        assertProblem(HttpStatus.BAD_REQUEST, "from must be an instant such as 2026-11-23T10:00:00Z, not 'x'",
                HttpRequest.GET("/api/annotations?from=x"));
    }
}

package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Alert;
import dev.dapple.alert.Outbox;
import dev.dapple.database.Timestamps;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Severity;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The incidents page over HTTP against a real server: incidents and outbox rows stored as the evaluator and the
 * alert router write them, the Acknowledge form through the admin token's session cookie, and anonymous writes
 * refused.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsPageTest implements TestPropertyProvider {

    static final String TOKEN = "incidents-page-admin-token";

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    Incidents incidents;

    private final HttpClient http = HttpClient.newHttpClient();
    long open;
    long resolved;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-incidents-page-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("dapple.secrets-dir", secrets.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void incidentsWithAlerts() throws SQLException {
        Instant now = Instant.now();
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM incidents");
            statement.execute("DELETE FROM outbox");
            open = insert(connection, "checkout", now.minus(Duration.ofMinutes(20)), null);
            resolved = insert(connection, "login", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
            outbox.enqueue(connection, "pager", alert(Alert.Kind.TRIGGER, "checkout", open, now), null);
            outbox.enqueue(connection, "hooks", alert(Alert.Kind.TRIGGER, "checkout", open, now), null);
            outbox.enqueue(connection, "pager", alert(Alert.Kind.TRIGGER, "login", resolved, now), null);
            outbox.enqueue(connection, "pager", alert(Alert.Kind.RESOLVE, "login", resolved, now), null);
            statement.execute("UPDATE outbox SET state = 'SENT', attempts = 1 WHERE channel = 'pager'");
            statement.execute("UPDATE outbox SET state = 'DEAD', attempts = 4, last_error = 'HTTP 410 Gone'"
                    + " WHERE channel = 'hooks'");
        }
    }

    private static long insert(Connection connection, String journey, Instant started, Instant ended)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incidents (journey, started_at,"
                + " ended_at, locations, failing_steps, no_data, drill, bad_runs, recovery_breached, opened_at,"
                + " resolved_at) VALUES (?, ?, ?, '[\"eu-west\"]',"
                + " '[{\"step\":\"pay\",\"firstError\":\"status 503\"}]',"
                + " FALSE, FALSE, 3, FALSE, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, journey);
            insert.setObject(2, Timestamps.of(started));
            insert.setObject(3, ended == null ? null : Timestamps.of(ended));
            insert.setObject(4, Timestamps.of(started.plusSeconds(60)));
            insert.setObject(5, ended == null ? null : Timestamps.of(ended.plusSeconds(5)));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Alert alert(Alert.Kind kind, String journey, long incident, Instant at) {
        return new Alert(kind, Outbox.incidentKey(journey, incident), journey + " is DOWN", Severity.HIGH, journey,
                null, null, null, List.of("eu-west"), List.of(), at, at, null, null, false, Map.of());
    }

    @Test
    void thePageListsOpenThenResolvedIncidentsWithTheAlertsSentAndTheirDeliveryState() throws Exception {
        HttpResponse<String> page = get("/incidents", null);
        assertEquals(200, page.statusCode());
        String html = page.body();
        String openRow = IncidentsTemplateTest.row(html, open);
        assertTrue(openRow.contains("<a href=\"/journeys/checkout\">checkout</a>"), openRow);
        assertTrue(openRow.contains(">20 min ago</time>"), openRow);
        assertTrue(openRow.contains("<strong>pay</strong>: status 503"), openRow);
        assertTrue(openRow.contains("pager: trigger,"), openRow);
        assertTrue(openRow.contains("delivery-sent\">sent</span>"), openRow);
        assertTrue(openRow.contains("hooks: trigger,"), openRow);
        assertTrue(openRow.contains("delivery-dead\">dead</span>"), openRow);
        assertTrue(openRow.contains("HTTP 410 Gone"), openRow);
        String resolvedRow = IncidentsTemplateTest.row(html, resolved);
        assertTrue(resolvedRow.contains("<td class=\"num\" data-fact=\"duration\">1 h</td>"), resolvedRow);
        assertTrue(resolvedRow.contains("pager: resolve,"), resolvedRow);
        assertTrue(html.indexOf("data-incident=\"" + open + "\"") < html.indexOf("data-incident=\"" + resolved + "\""));
        assertFalse(html.contains("/ack\""), "no Acknowledge button for an anonymous reader");

        String login = get("/incidents?journey=login", null).body();
        assertFalse(login.contains("data-incident=\"" + open + "\""), login);
        assertTrue(login.contains("data-incident=\"" + resolved + "\""), login);
    }

    @Test
    void anAdminAcknowledgesThroughTheFormAndIsSentBackToThePage() throws Exception {
        String cookie = signIn();
        String html = get("/incidents", cookie).body();
        assertTrue(html.contains("action=\"/incidents/" + open + "/ack\""), html);
        assertTrue(get("/incidents", null, "Authorization", "Bearer " + TOKEN).body()
                .contains("action=\"/incidents/" + open + "/ack\""), "the bearer token signs in too");

        HttpResponse<String> acknowledged = post("/incidents/" + open + "/ack", "by=Alice+Admin", cookie);
        assertEquals(303, acknowledged.statusCode(), acknowledged.body());
        assertEquals("/incidents#incident-" + open, acknowledged.headers().firstValue("Location").orElseThrow());
        assertEquals("Alice Admin", incidents.byId(open).orElseThrow().acknowledgedBy());
        String after = IncidentsTemplateTest.row(get("/incidents", cookie).body(), open);
        assertTrue(after.contains("by Alice Admin"), after);
        assertFalse(after.contains("<form"), after);

        HttpResponse<String> again = post("/incidents/" + open + "/ack", "by=Bob", cookie);
        assertEquals(303, again.statusCode(), "posting twice is harmless");
        assertEquals("Alice Admin", incidents.byId(open).orElseThrow().acknowledgedBy(), "the first one stands");
    }

    @Test
    void anAnonymousAcknowledgementIsRefused() throws Exception {
        HttpResponse<String> refused = post("/incidents/" + open + "/ack", "by=mallory", null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("missing admin token"), refused.body());
        assertNull(incidents.byId(open).orElseThrow().acknowledgedBy());
        assertEquals(401, post("/incidents/" + open + "/ack", "by=mallory", "dapple_session=forged").statusCode());
        assertNull(incidents.byId(open).orElseThrow().acknowledgedBy());
    }

    @Test
    void badAcknowledgementsSayWhatIsWrongOnThePage() throws Exception {
        String cookie = signIn();
        HttpResponse<String> blank = post("/incidents/" + open + "/ack", "by=+", cookie);
        assertEquals(400, blank.statusCode());
        assertTrue(blank.body().contains("Say who acknowledges incident " + open), blank.body());
        assertFalse(blank.body().contains("hx-get"), "served at the form's URL, the refused page must not refresh");
        HttpResponse<String> long_ = post("/incidents/" + open + "/ack", "by=" + "x".repeat(201), cookie);
        assertEquals(400, long_.statusCode());
        assertTrue(long_.body().contains("A name of at most 200 characters"), long_.body());
        assertNull(incidents.byId(open).orElseThrow().acknowledgedBy());

        HttpResponse<String> unknown = post("/incidents/999999/ack", "by=alice", cookie);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("There is no incident 999999."), unknown.body());
    }

    @Test
    void anIncidentsOwnAddressLeadsToItOnThePage() throws Exception {
        HttpResponse<String> one = get("/incidents/" + open, null);
        assertEquals(303, one.statusCode());
        assertEquals("/incidents?journey=checkout#incident-" + open,
                one.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> unknown = get("/incidents/nope", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("There is no incident nope."), unknown.body());
    }

    /** The browser's way in: the login form trades the token for the session cookie. */
    private String signIn() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)
                        + "&next=/incidents")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> get(String path, String cookie, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }
}

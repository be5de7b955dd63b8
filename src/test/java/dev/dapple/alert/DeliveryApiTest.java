package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Receiver.Answer;
import dev.dapple.database.Transactions;
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
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The outbox and channel API through a real embedded server, with messages delivered to a real receiver. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryApiTest implements TestPropertyProvider {

    static final String TOKEN = "delivery-admin-token";
    static final String URL_TOKEN = "url-s3cret-7781";

    final Receiver receiver = Receiver.start();

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    Dispatcher dispatcher;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-delivery-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            Files.writeString(secrets.resolve("REC_URL"), receiver.url() + "?token=" + URL_TOKEN);
            return Map.of("dapple.secrets-dir", secrets.toString(),
                    "dapple.channels.rec.type", RecordingChannelType.TYPE,
                    "dapple.channels.rec.url", "secret:REC_URL",
                    "dapple.channels.rec.drills", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM outbox");
            statement.execute("DELETE FROM alert_channels");
        }
        receiver.reset();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void channelsAreListedWithTheirHealthAndNeverTheirSecrets() {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET("/api/channels"), String.class);
        String body = response.body();
        assertFalse(body.contains(URL_TOKEN) || body.contains("127.0.0.1") || body.contains("url"), body);
        Map<?, ?> channel = (Map<?, ?>) ((List<?>) client.toBlocking().retrieve(HttpRequest.GET("/api/channels"),
                Map.class).get("channels")).getFirst();
        assertEquals("rec", channel.get("name"));
        assertEquals("recording", channel.get("type"));
        assertEquals(true, channel.get("drills"));
        assertTrue(channel.containsKey("healthy"), "shown as null while never used: " + channel);
        assertNull(channel.get("healthy"));
        assertEquals(0, channel.get("pending"));
        assertEquals(0, channel.get("dead"));
    }

    @Test
    void aTestMessageIsQueuedDeliveredAndShownSent() throws Exception {
        HttpResponse<Map> accepted = client.toBlocking().exchange(admin(HttpRequest.POST("/api/channels/rec/test", "")),
                Map.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        Map<?, ?> entry = accepted.body();
        assertEquals("TEST", entry.get("kind"));
        assertEquals("PENDING", entry.get("state"));
        assertEquals("rec", entry.get("channel"));
        assertEquals(1, channels().get("pending"));

        dispatcher.pass(Instant.now());

        assertEquals(List.of("TEST"), receiver.received().stream().map(Receiver.Received::kind).toList());
        assertEquals(entry.get("messageId"), receiver.received().getFirst().messageId());
        List<?> sent = (List<?>) client.toBlocking().retrieve(HttpRequest.GET("/api/outbox?state=sent"), Map.class)
                .get("messages");
        assertEquals(1, sent.size());
        assertEquals(entry.get("id"), ((Map<?, ?>) sent.getFirst()).get("id"));
        assertEquals(true, channels().get("healthy"));
        assertTrue(channels().containsKey("lastSentAt"));
    }

    @Test
    void aRejectedMessageIsDeadTheChannelUnhealthyAndAReplaySendsIt() throws Exception {
        receiver.script(new Answer(400, Map.of(), "unknown routing key", false));
        long id = ((Number) client.toBlocking().retrieve(admin(HttpRequest.POST("/api/channels/rec/test", "")),
                Map.class).get("id")).longValue();
        dispatcher.pass(Instant.now());

        Map<?, ?> channel = channels();
        assertEquals(false, channel.get("healthy"));
        assertEquals("HTTP 400: unknown routing key", channel.get("lastError"));
        assertTrue(channel.containsKey("lastErrorAt"));
        assertEquals(1, channel.get("dead"));
        List<?> dead = (List<?>) client.toBlocking().retrieve(HttpRequest.GET("/api/outbox?state=dead"), Map.class)
                .get("messages");
        assertEquals(1, dead.size());
        assertEquals("HTTP 400: unknown routing key", ((Map<?, ?>) dead.getFirst()).get("lastError"));

        Map<?, ?> replayed = client.toBlocking().retrieve(admin(HttpRequest.POST("/api/outbox/" + id + "/replay", "")),
                Map.class);
        assertEquals("PENDING", replayed.get("state"));
        dispatcher.pass(Instant.now());

        assertEquals(2, receiver.received().size());
        assertEquals(true, channels().get("healthy"));
        assertEquals(0, channels().get("dead"));
        var again = refused(admin(HttpRequest.POST("/api/outbox/" + id + "/replay", "")), HttpStatus.CONFLICT);
        assertEquals("outbox message " + id + " is sent: only dead messages can be replayed", again);
    }

    @Test
    void aDeadTriggerWhoseIncidentResolvedCannotBeReplayed() throws Exception {
        receiver.script(Answer.status(422));
        long trigger = enqueue(Alert.Kind.TRIGGER);
        dispatcher.pass(Instant.now());
        enqueue(Alert.Kind.RESOLVE);
        dispatcher.pass(Instant.now());

        assertEquals("outbox message " + trigger + " is a trigger whose incident resolved: its resolve was queued, so"
                + " replaying it would open an alert nobody closes",
                refused(admin(HttpRequest.POST("/api/outbox/" + trigger + "/replay", "")), HttpStatus.CONFLICT));
    }

    @Test
    void writesNeedTheAdminToken() {
        var test = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/api/channels/rec/test", "")));
        assertEquals(HttpStatus.UNAUTHORIZED, test.getStatus());
        var replay = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/api/outbox/1/replay", "")));
        assertEquals(HttpStatus.UNAUTHORIZED, replay.getStatus());
    }

    @Test
    void badRequestsAreExplained() {
        assertEquals("no channel named 'pager'; configured: rec",
                refused(admin(HttpRequest.POST("/api/channels/pager/test", "")), HttpStatus.NOT_FOUND));
        assertEquals("no outbox message with id 424242",
                refused(admin(HttpRequest.POST("/api/outbox/424242/replay", "")), HttpStatus.NOT_FOUND));
        assertEquals("'first' is not an outbox id (a whole number)",
                refused(admin(HttpRequest.POST("/api/outbox/first/replay", "")), HttpStatus.BAD_REQUEST));
        assertEquals("state must be one of pending, sent, dead, dropped, got 'done'",
                refused(HttpRequest.GET("/api/outbox?state=done"), HttpStatus.BAD_REQUEST));
        assertEquals("limit must be a whole number between 1 and 500, got '0'",
                refused(HttpRequest.GET("/api/outbox?limit=0"), HttpStatus.BAD_REQUEST));
    }

    @Test
    void theListingIsNewestFirstFilteredByStateAndLimited() throws Exception {
        long first = enqueue(Alert.Kind.NOTICE);
        long second = enqueue(Alert.Kind.NOTICE);
        assertEquals(List.of(second, first), ids("/api/outbox"));
        assertEquals(List.of(second), ids("/api/outbox?state=PENDING&limit=1"));
        assertEquals(List.of(), ids("/api/outbox?state=dropped"));
    }

    private List<Long> ids(String uri) {
        return ((List<?>) client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class).get("messages")).stream()
                .map(m -> ((Number) ((Map<?, ?>) m).get("id")).longValue()).toList();
    }

    private long enqueue(Alert.Kind kind) throws SQLException {
        Transactions.inTransaction(DelegatingDataSource.unwrapDataSource(dataSource)::getConnection, transaction ->
                outbox.enqueue(transaction, "rec", DispatcherContract.alert(kind, "checkout/incident-9"), null));
        return outbox.list(null, 1).getFirst().id();
    }

    private Map<?, ?> channels() {
        return (Map<?, ?>) ((List<?>) client.toBlocking().retrieve(HttpRequest.GET("/api/channels"), Map.class)
                .get("channels")).getFirst();
    }

    private static MutableHttpRequest<?> admin(MutableHttpRequest<?> request) {
        return request.bearerAuth(TOKEN);
    }

    /** The problem's detail of a request refused with {@code status}. */
    private String refused(HttpRequest<?> request, HttpStatus status) {
        var refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request));
        assertEquals(status, refused.getStatus());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        return refused.getResponse().getBody(Map.class).orElseThrow().get("detail").toString();
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.database.Timestamps;
import dev.dapple.database.Transactions;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Severity;
import dev.dapple.leader.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the delivery contracts share: a real local receiver, channels of the tests' {@code recording} type on it (and
 * one on a port nothing listens on), a {@link MutableClock} the dispatchers read, and the jitter always at its upper
 * bound, so each wait is exact. Every pass is given an explicit time, and the clock is set there.
 */
abstract class DeliveryFixture implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** The jitter's largest draw: a wait is always its upper bound. */
    static final RandomGenerator LONGEST = () -> -1L;

    final Receiver receiver = Receiver.start();

    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;
    @Inject
    Channels channels;
    @Inject
    OutboxQueue queue;
    @Inject
    ChannelHealth health;
    @Inject
    MeterRegistry metrics;
    @Inject
    Incidents incidents;

    /** The dispatchers' clock: each pass sets it to the pass's time, so it reads as the pass's "now". */
    final MutableClock clock = new MutableClock(T0);

    JdbcOutbox outbox;
    Dispatcher dispatcher;
    final List<Dispatcher> created = new ArrayList<>();

    /** The store's properties. */
    abstract Map<String, String> store();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(store());
        properties.put("dapple.channels.rec.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.rec.url", receiver.url());
        properties.put("dapple.channels.firing.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.firing.url", receiver.url());
        properties.put("dapple.channels.firing.resend-every", "PT5M");
        properties.put("dapple.channels.slow.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.slow.url", receiver.url());
        properties.put("dapple.channels.down.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.down.url", "http://127.0.0.1:" + closedPort() + "/alerts");
        return properties;
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = unwrapped().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM outbox");
            statement.execute("DELETE FROM alert_channels");
            statement.execute("DELETE FROM incidents");
        }
        receiver.reset();
        metrics.clear();
        clockAt(T0);
        outbox = new JdbcOutbox(dataSource, json, new MutableClock(T0));
        dispatcher = dispatcher(AlertDeliveryConfiguration.defaults());
    }

    @AfterEach
    void closeDispatchers() {
        created.forEach(Dispatcher::close);
        created.clear();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    Dispatcher dispatcher(AlertDeliveryConfiguration config) {
        Dispatcher made = new Dispatcher(channels, queue, health, incidents, config, metrics, clock, LONGEST);
        created.add(made);
        return made;
    }

    long insertIncident() throws SQLException {
        sql("INSERT INTO incidents (journey, started_at, locations, failing_steps, no_data, drill, bad_runs,"
                + " recovery_breached, opened_at) VALUES ('checkout', ?, '[]', '[]', FALSE, FALSE, 2, FALSE, ?)", T0, T0);
        return incidents.list(Incidents.State.OPEN, "checkout", 1).getFirst().id();
    }

    void sql(String sql, Object... values) throws SQLException {
        try (Connection connection = unwrapped().getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i] instanceof Instant at ? Timestamps.of(at) : values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A pass of {@code dispatcher} at {@code at}, its clock set there. */
    void passAt(Dispatcher dispatcher, Instant at) throws SQLException, InterruptedException {
        clockAt(at);
        dispatcher.pass(at);
    }

    void clockAt(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    /** A local port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Alert alert(Alert.Kind kind, String key) {
        return new Alert(kind, key, kind + " " + key, Severity.HIGH, "checkout", "team-shop", null, null,
                List.of("eu-west"), List.of(), T0, T0, null, null, false, Map.of());
    }

    long enqueue(String channel, Alert.Kind kind, String key) throws SQLException {
        boolean queued = Transactions.inTransaction(unwrapped()::getConnection,
                transaction -> outbox.enqueue(transaction, channel, alert(kind, key), null));
        assertTrue(queued);
        return outbox.list(null, 1).getFirst().id();
    }

    Outbox.Entry entry(long id) throws SQLException {
        return queue.byId(id).orElseThrow();
    }

    List<Outbox.Entry> all() throws SQLException {
        return outbox.list(null, 1000).reversed();
    }

    List<String> kinds() {
        return receiver.received().stream().map(Receiver.Received::kind).toList();
    }

    DataSource unwrapped() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }
}

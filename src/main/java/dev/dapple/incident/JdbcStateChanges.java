package dev.dapple.incident;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link StateChanges} in the {@code state_changes} table, each change's record as JSON; every
 * {@link StateChangeListener} hears of it on the same transaction.
 */
@Singleton
final class JdbcStateChanges implements StateChanges {

    private static final Map<String, Class<? extends StateChange>> KINDS = Map.of(
            "incident-opened", StateChange.IncidentOpened.class,
            "incident-resolved", StateChange.IncidentResolved.class,
            "burn-alert-fired", StateChange.BurnAlertFired.class,
            "burn-alert-resolved", StateChange.BurnAlertResolved.class,
            "drill-started", StateChange.DrillStarted.class,
            "drill-ended", StateChange.DrillEnded.class);

    private final DataSource dataSource;
    private final JsonMapper json;
    private final Clock clock;
    private final List<StateChangeListener> listeners;

    JdbcStateChanges(DataSource dataSource, JsonMapper json, Clock clock, List<StateChangeListener> listeners) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.json = json;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Locks the order row first (held until commit), so transactions that record changes take their ids and commit one
     * at a time, in id order (see V12). Such transactions are short: one journey's evaluation or one drill.
     */
    @Override
    public long record(Connection transaction, StateChange change) throws SQLException {
        try (PreparedStatement order = transaction.prepareStatement(
                "UPDATE state_change_order SET recorded = recorded + 1 WHERE id = 1")) {
            order.executeUpdate();
        }
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO state_changes"
                + " (kind, journey, subject, occurred_at, recorded_at, drill, details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, change.kind());
            insert.setString(2, change.journey());
            insert.setString(3, change.subject());
            insert.setObject(4, Timestamps.of(change.at()));
            insert.setObject(5, Timestamps.of(clock.instant()));
            insert.setBoolean(6, change.drill());
            insert.setString(7, write(change));
            insert.executeUpdate();
            long id;
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            for (StateChangeListener listener : listeners) {
                listener.recorded(transaction, id, change);
            }
            return id;
        }
    }

    @Override
    public List<Recorded> after(long afterId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, kind, recorded_at, details"
                     + " FROM state_changes WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            List<Recorded> changes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Class<? extends StateChange> type = KINDS.get(rows.getString("kind"));
                    if (type == null) {
                        throw new IllegalStateException("state change " + rows.getLong("id")
                                + " has an unknown kind '" + rows.getString("kind") + "'");
                    }
                    changes.add(new Recorded(rows.getLong("id"),
                            Timestamps.instant(rows, "recorded_at"),
                            read(rows.getString("details"), type)));
                }
            }
            return changes;
        }
    }

    private String write(StateChange change) {
        try {
            return json.writeValueAsString(change);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a state change as JSON", e);
        }
    }

    private StateChange read(String details, Class<? extends StateChange> type) {
        try {
            return json.readValue(details, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored state change cannot be read: " + details, e);
        }
    }
}

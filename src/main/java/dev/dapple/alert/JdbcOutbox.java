package dev.dapple.alert;

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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@link Outbox} in the {@code outbox} table, each message's {@link Alert} as JSON. */
@Singleton
final class JdbcOutbox implements Outbox {

    static final String COLUMNS = "id, message_id, channel, kind, alert_key, state, attempts, created_at,"
            + " next_attempt_at, finished_at, last_error, alert";

    private final DataSource dataSource;
    private final JsonMapper json;
    private final Clock clock;

    JdbcOutbox(DataSource dataSource, JsonMapper json, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean enqueue(Connection transaction, String channel, Alert alert, String dedupKey) throws SQLException {
        if (dedupKey != null) {
            try (PreparedStatement exists = transaction.prepareStatement(
                    "SELECT 1 FROM outbox WHERE channel = ? AND dedup_key = ?")) {
                exists.setString(1, channel);
                exists.setString(2, dedupKey);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO outbox (message_id, channel, kind,"
                + " alert_key, dedup_key, state, created_at, next_attempt_at, attempts, reached, alert)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, FALSE, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, channel);
            insert.setString(3, alert.kind().name());
            insert.setString(4, alert.key());
            insert.setString(5, dedupKey);
            insert.setString(6, State.PENDING.name());
            insert.setObject(7, Timestamps.of(now));
            insert.setObject(8, Timestamps.of(now));
            insert.setString(9, write(alert));
            insert.executeUpdate();
        }
        return true;
    }

    @Override
    public List<String> triggeredChannels(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT channel FROM outbox"
                + " WHERE alert_key = ? AND kind = 'TRIGGER' ORDER BY channel")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    @Override
    public Optional<Alert> latestTrigger(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT alert FROM outbox WHERE kind = 'TRIGGER'"
                + " AND alert_key = ? ORDER BY id DESC LIMIT 1")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows.getString(1))) : Optional.empty();
            }
        }
    }

    @Override
    public List<Entry> list(State state, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM outbox"
                     + (state == null ? "" : " WHERE state = ?") + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (state != null) {
                select.setString(i++, state.name());
            }
            select.setInt(i, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(entry(rows));
                }
                return entries;
            }
        }
    }

    @Override
    public List<Entry> withKeys(Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM outbox"
                     + " WHERE alert_key IN (" + marks + ") ORDER BY id")) {
            int i = 1;
            for (String key : keys) {
                select.setString(i++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(entry(rows));
                }
                return entries;
            }
        }
    }

    /** A row selected with {@link #COLUMNS}. */
    Entry entry(ResultSet rows) throws SQLException {
        return new Entry(rows.getLong("id"), rows.getString("message_id"), rows.getString("channel"),
                Alert.Kind.valueOf(rows.getString("kind")), rows.getString("alert_key"),
                State.valueOf(rows.getString("state")), rows.getInt("attempts"),
                Timestamps.instant(rows, "created_at"), Timestamps.instant(rows, "next_attempt_at"),
                Timestamps.instant(rows, "finished_at"), rows.getString("last_error"), read(rows.getString("alert")));
    }

    private String write(Alert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an alert as JSON", e);
        }
    }

    private Alert read(String text) {
        try {
            return json.readValue(text, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a queued alert cannot be read: " + text, e);
        }
    }
}

package dev.dapple.alert;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Each channel's last delivery outcome, in {@code alert_channels}: what GET /api/channels shows. */
@Singleton
final class ChannelHealth {

    /** A channel's last outcome; a channel never used has none. */
    record Health(boolean healthy, @Nullable String lastError, @Nullable Instant lastErrorAt,
                  @Nullable Instant lastSentAt) {
    }

    private final DataSource dataSource;

    ChannelHealth(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** A message to {@code channel} was delivered at {@code at}; true when that made an unhealthy channel healthy. */
    boolean succeeded(String channel, Instant at) throws SQLException {
        boolean wasUnhealthy = get(channel).map(health -> !health.healthy()).orElse(false);
        upsert(channel, "UPDATE alert_channels SET healthy = TRUE, last_sent_at = ? WHERE name = ?",
                "INSERT INTO alert_channels (name, healthy, last_sent_at) VALUES (?, TRUE, ?)", Timestamps.of(at));
        return wasUnhealthy;
    }

    /** An attempt to {@code channel} failed; true when that turned it unhealthy (it was healthy or never used). */
    boolean failed(String channel, String error, Instant at) throws SQLException {
        boolean wasHealthy = get(channel).map(Health::healthy).orElse(true);
        String clipped = OutboxQueue.clip(error);
        try (Connection connection = dataSource.getConnection()) {
            if (Jdbc.update(connection, "UPDATE alert_channels SET healthy = FALSE, last_error = ?, last_error_at = ?"
                    + " WHERE name = ?", clipped, Timestamps.of(at), channel) == 0) {
                insertOrUpdate(connection, "INSERT INTO alert_channels (name, healthy, last_error, last_error_at)"
                        + " VALUES (?, FALSE, ?, ?)", channel, clipped, Timestamps.of(at));
            }
        }
        return wasHealthy;
    }

    Optional<Health> get(String channel) throws SQLException {
        return Optional.ofNullable(all().get(channel));
    }

    Map<String, Health> all() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, healthy, last_error, last_error_at, last_sent_at FROM alert_channels");
             ResultSet rows = select.executeQuery()) {
            Map<String, Health> health = new TreeMap<>();
            while (rows.next()) {
                health.put(rows.getString("name"), new Health(rows.getBoolean("healthy"), rows.getString("last_error"),
                        Timestamps.instant(rows, "last_error_at"), Timestamps.instant(rows, "last_sent_at")));
            }
            return health;
        }
    }

    private void upsert(String channel, String updateSql, String insertSql, Object at) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (Jdbc.update(connection, updateSql, at, channel) == 0) {
                insertOrUpdate(connection, insertSql, channel, at);
            }
        }
    }

    /** Inserts the channel's row; when another server inserted it first, that row stands (the next outcome updates it). */
    private static void insertOrUpdate(Connection connection, String insertSql, Object... values) throws SQLException {
        try {
            Jdbc.update(connection, insertSql, values);
        } catch (SQLIntegrityConstraintViolationException e) {
            // another server recorded an outcome at the same moment
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}

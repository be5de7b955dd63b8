package dev.dapple.maintenance;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code drills} table: one row per drill occurrence that started, on the caller's connection where it writes. */
@Singleton
public final class DrillStore {

    private static final String COLUMNS = "SELECT id, window_id, name, starts_at, ends_at, journeys, ended FROM drills";

    private final DataSource dataSource;

    public DrillStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Every drill, newest first. */
    public List<Drill> all() throws SQLException {
        try (Connection connection = connection()) {
            return read(connection, COLUMNS + " ORDER BY starts_at DESC, id DESC");
        }
    }

    public Optional<Drill> find(long id) throws SQLException {
        try (Connection connection = connection()) {
            return read(connection, COLUMNS + " WHERE id = " + id).stream().findFirst();
        }
    }

    boolean started(Connection connection, long windowId, Instant startsAt) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM drills WHERE window_id = ? AND starts_at = ?")) {
            query.setLong(1, windowId);
            query.setObject(2, Timestamps.of(startsAt));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    List<Drill> open(Connection connection) throws SQLException {
        return read(connection, COLUMNS + " WHERE ended = FALSE ORDER BY id");
    }

    long start(Connection connection, long windowId, String name, Span span, List<String> journeys) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO drills (window_id, name, starts_at,"
                + " ends_at, journeys, ended) VALUES (?, ?, ?, ?, ?, FALSE)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, windowId);
            insert.setString(2, name);
            insert.setObject(3, Timestamps.of(span.from()));
            insert.setObject(4, Timestamps.of(span.to()));
            insert.setString(5, MaintenanceStore.lines(journeys));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Marks a drill ended at {@code at} (earlier than planned when its window was deleted). */
    void end(Connection connection, long id, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE drills SET ended = TRUE, ends_at = ? WHERE id = ?")) {
            update.setObject(1, Timestamps.of(at));
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private static List<Drill> read(Connection connection, String sql) throws SQLException {
        var drills = new ArrayList<Drill>();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                drills.add(new Drill(rows.getLong("id"), rows.getLong("window_id"), rows.getString("name"),
                        Timestamps.instant(rows, "starts_at"), Timestamps.instant(rows, "ends_at"),
                        MaintenanceStore.list(rows.getString("journeys")), rows.getBoolean("ended")));
            }
        }
        return drills;
    }
}

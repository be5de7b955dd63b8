package dev.dapple.incident;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The evaluator's side of the incident tables: its progress (whose row every evaluation transaction locks), each
 * journey's tracker, and the incident rows it opens, updates and resolves. Every write is on the caller's
 * transaction.
 */
@Singleton
final class IncidentStore {

    private static final String PROGRESS = "received";
    static final Argument<List<StateChange.FailingStep>> STEPS = Argument.listOf(StateChange.FailingStep.class);
    static final Argument<List<String>> LOCATIONS = Argument.listOf(String.class);

    /** A journey's stored tracker and the id of its open incident (null when none is open). */
    record Tracked(@Nullable Long openIncident, TrackerState state) {
    }

    private final DataSource dataSource;
    private final JsonMapper json;

    IncidentStore(DataSource dataSource, JsonMapper json) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.json = json;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Up to which receive time runs were evaluated; with {@code lock}, the row is held until the transaction ends. */
    Optional<Instant> position(Connection connection, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT position FROM incident_progress"
                + " WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, PROGRESS);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("incident_progress has no '" + PROGRESS + "' row (V8 inserts it)");
                }
                return Optional.ofNullable(Timestamps.instant(rows, 1));
            }
        }
    }

    void setPosition(Connection connection, Instant position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE incident_progress SET position = ? WHERE name = ?")) {
            update.setObject(1, Timestamps.of(position));
            update.setString(2, PROGRESS);
            update.executeUpdate();
        }
    }

    /** The journeys with an open incident: they are judged every pass, runs or not (a location may fall silent). */
    List<String> journeysWithOpenIncidents() throws SQLException {
        try (Connection connection = connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT journey FROM incident_trackers WHERE open_incident IS NOT NULL");
             ResultSet rows = select.executeQuery()) {
            List<String> journeys = new ArrayList<>();
            while (rows.next()) {
                journeys.add(rows.getString(1));
            }
            return journeys;
        }
    }

    Tracked tracker(Connection connection, String journey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT open_incident, state FROM incident_trackers WHERE journey = ?")) {
            select.setString(1, journey);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new Tracked(null, TrackerState.empty());
                }
                return new Tracked(rows.getObject(1, Long.class), read(rows.getString(2), TrackerState.class));
            }
        }
    }

    void saveTracker(Connection connection, String journey, Tracked tracked) throws SQLException {
        String state = write(tracked.state());
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE incident_trackers SET open_incident = ?, state = ? WHERE journey = ?")) {
            update.setObject(1, tracked.openIncident(), Types.BIGINT);
            update.setString(2, state);
            update.setString(3, journey);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO incident_trackers (journey, open_incident, state) VALUES (?, ?, ?)")) {
            insert.setString(1, journey);
            insert.setObject(2, tracked.openIncident(), Types.BIGINT);
            insert.setString(3, state);
            insert.executeUpdate();
        }
    }

    /** Forgets a journey's tracker (no longer published): published again, it starts afresh. */
    void dropTracker(Connection connection, String journey) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM incident_trackers WHERE journey = ?")) {
            delete.setString(1, journey);
            delete.executeUpdate();
        }
    }

    /** Inserts an opened incident; returns its id. */
    long insert(Connection connection, String journey, TrackerEvent.Opened opened, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incidents (journey, started_at,"
                + " locations, failing_steps, no_data, drill, bad_runs, recovery_breached, opened_at)"
                + " VALUES (?, ?, ?, ?, FALSE, ?, ?, FALSE, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, journey);
            insert.setObject(2, Timestamps.of(opened.startedAt()));
            insert.setString(3, write(opened.locations()));
            insert.setString(4, write(opened.steps()));
            insert.setBoolean(5, opened.drill());
            insert.setInt(6, opened.badRuns());
            insert.setObject(7, Timestamps.of(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Writes an open incident's current figures: failing locations and steps, bad runs, no data. */
    void update(Connection connection, long id, TrackerState.OpenIncident open) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE incidents SET locations = ?,"
                + " failing_steps = ?, bad_runs = ?, no_data = ? WHERE id = ?")) {
            update.setString(1, write(open.failing()));
            update.setString(2, write(open.steps()));
            update.setInt(3, open.badRuns());
            update.setBoolean(4, open.noData());
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    void resolve(Connection connection, long id, TrackerEvent.Resolved resolved, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE incidents SET ended_at = ?,"
                + " locations = ?, failing_steps = ?, bad_runs = ?, no_data = FALSE, recovery_breached = ?,"
                + " resolved_at = ? WHERE id = ?")) {
            update.setObject(1, Timestamps.of(resolved.endedAt()));
            update.setString(2, write(resolved.locations()));
            update.setString(3, write(resolved.steps()));
            update.setInt(4, resolved.badRuns());
            update.setBoolean(5, resolved.recoveryBreached());
            update.setObject(6, Timestamps.of(now));
            update.setLong(7, id);
            update.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident state as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored incident state cannot be read: " + text, e);
        }
    }
}

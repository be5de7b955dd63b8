package dev.dapple.incident;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reading incidents back, acknowledging them, and a journey's recovery figures ({@link RecoveryStats}). */
@Singleton
public final class Incidents {

    private static final String COLUMNS = "SELECT id, journey, started_at, ended_at, locations, failing_steps,"
            + " no_data, drill, bad_runs, recovery_breached, acknowledged_by, acknowledged_at, opened_at, resolved_at"
            + " FROM incidents";

    public enum State { OPEN, RESOLVED }

    /** What acknowledging did. */
    public sealed interface Acknowledgement {
        record Done(Incident incident) implements Acknowledgement {
        }

        record Unknown() implements Acknowledgement {
        }

        record Already(Incident incident) implements Acknowledgement {
        }
    }

    private final DataSource dataSource;
    private final JsonMapper json;

    public Incidents(DataSource dataSource, JsonMapper json) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.json = json;
    }

    /** Incidents newest first (by start), of one state and one journey when given, at most {@code limit}. */
    /** The open incident of every journey that has one, by journey: one query for an evaluation pass. */
    public Map<String, Long> openByJourney() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT journey, MAX(id) FROM incidents WHERE ended_at IS NULL GROUP BY journey");
             ResultSet rows = select.executeQuery()) {
            Map<String, Long> open = new HashMap<>();
            while (rows.next()) {
                open.put(rows.getString(1), rows.getLong(2));
            }
            return open;
        }
    }

    public List<Incident> list(@Nullable State state, @Nullable String journey, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (state != null) {
            sql.append(state == State.OPEN ? " AND ended_at IS NULL" : " AND ended_at IS NOT NULL");
        }
        if (journey != null) {
            sql.append(" AND journey = ?");
            values.add(journey);
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        values.add(limit);
        return read(sql.toString(), values);
    }

    public Optional<Incident> byId(long id) throws SQLException {
        return read(COLUMNS + " WHERE id = ?", List.of(id)).stream().findFirst();
    }

    /** Records who acknowledged it and when, unless someone did already (the first acknowledgement stands). */
    public Acknowledgement acknowledge(long id, String by, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE incidents SET acknowledged_by = ?,"
                     + " acknowledged_at = ? WHERE id = ? AND acknowledged_by IS NULL")) {
            update.setString(1, by);
            update.setObject(2, Timestamps.of(at));
            update.setLong(3, id);
            int updated = update.executeUpdate();
            Optional<Incident> incident = byId(id);
            if (incident.isEmpty()) {
                return new Acknowledgement.Unknown();
            }
            return updated == 1 ? new Acknowledgement.Done(incident.get())
                    : new Acknowledgement.Already(incident.get());
        }
    }

    /**
     * The recovery figures of {@code journey} over [from, to): of the incidents that started in it (see
     * {@link RecoveryStats}). For the SLO API as well as {@code GET /api/journeys/{name}/incidents/stats}.
     */
    public RecoveryStats recoveryStats(String journey, Instant from, Instant to) throws SQLException {
        List<Incident> incidents = read(COLUMNS + " WHERE journey = ? AND started_at >= ? AND started_at < ?"
                + " ORDER BY started_at", List.of(journey, Timestamps.of(from), Timestamps.of(to)));
        return RecoveryStats.of(from, to, incidents);
    }

    private List<Incident> read(String sql, List<Object> values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            List<Incident> incidents = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    incidents.add(new Incident(rows.getLong(1), rows.getString(2), Timestamps.instant(rows, 3),
                            Timestamps.instant(rows, 4), parse(rows.getString(5), IncidentStore.LOCATIONS),
                            parse(rows.getString(6), IncidentStore.STEPS), rows.getBoolean(7), rows.getBoolean(8),
                            rows.getInt(9), rows.getBoolean(10), rows.getString(11), Timestamps.instant(rows, 12),
                            Timestamps.instant(rows, 13), Timestamps.instant(rows, 14)));
                }
            }
            return incidents;
        }
    }

    private <T> T parse(String text, io.micronaut.core.type.Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored incident cannot be read: " + text, e);
        }
    }
}

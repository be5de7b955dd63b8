package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads stored runs back as the {@link RunResult}s the probes reported: one run by id, or every run planned in a
 * time range (rollups, queries). Two queries per call however many runs match, never one per run.
 */
@Singleton
public final class RunReader {

    private static final String RUN_COLUMNS = "r.id, r.journey, r.journey_version, r.location, r.probe, r.planned_at,"
            + " r.started_at, r.duration_us, r.outcome, r.error_kind, r.error, r.received_at";
    private static final String STEP_COLUMNS = "s.run_id, s.step_index, s.name, s.outcome, s.duration_us, s.dns_us,"
            + " s.connect_us, s.tls_us, s.first_byte_us, s.new_connection, s.http_status, s.error_kind, s.error,"
            + " s.failures, s.excerpt";

    private final DataSource dataSource;
    private final RunRecords records;

    public RunReader(DataSource dataSource, RunRecords records) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.records = records;
    }

    public Optional<RunResult> byId(UUID id) throws SQLException {
        List<RunResult> found = read("r.id = ?", List.of(id), "");
        return found.stream().findFirst();
    }

    /**
     * Runs planned in [from, to), of one journey and one location when given (null: all), oldest first.
     */
    public List<RunResult> planned(Instant from, Instant to, @Nullable String journey, @Nullable String location)
            throws SQLException {
        StringBuilder where = new StringBuilder("r.planned_at >= ? AND r.planned_at < ?");
        List<Object> values = new ArrayList<>(List.of(timestamp(from), timestamp(to)));
        if (journey != null) {
            where.append(" AND r.journey = ?");
            values.add(journey);
        }
        if (location != null) {
            where.append(" AND r.location = ?");
            values.add(location);
        }
        return read(where.toString(), values, " ORDER BY r.planned_at, r.journey, r.location");
    }

    private List<RunResult> read(String where, List<Object> values, String order) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<StoredRun> runs = new ArrayList<>();
            try (PreparedStatement query = prepare(connection,
                    "SELECT " + RUN_COLUMNS + " FROM runs r WHERE " + where + order, values);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(run(rows));
                }
            }
            if (runs.isEmpty()) {
                return List.of();
            }
            Map<UUID, List<StoredStep>> steps = new HashMap<>();
            try (PreparedStatement query = prepare(connection, "SELECT " + STEP_COLUMNS
                    + " FROM run_steps s JOIN runs r ON r.id = s.run_id WHERE " + where
                    + " ORDER BY s.run_id, s.step_index", values);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredStep step = step(rows);
                    steps.computeIfAbsent(step.key().runId(), id -> new ArrayList<>()).add(step);
                }
            }
            return runs.stream().map(r -> records.toResult(r, steps.getOrDefault(r.id(), List.of()))).toList();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    private static StoredRun run(ResultSet rows) throws SQLException {
        return new StoredRun(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), instant(rows, 6), instant(rows, 7), (Long) rows.getObject(8, Long.class),
                Outcome.valueOf(rows.getString(9)), rows.getString(10), rows.getString(11), instant(rows, 12));
    }

    private static StoredStep step(ResultSet rows) throws SQLException {
        Integer status = rows.getObject(11, Integer.class);
        return new StoredStep(new StoredStep.Key(rows.getObject(1, UUID.class), rows.getShort(2)), rows.getString(3),
                StepOutcome.valueOf(rows.getString(4)), rows.getObject(5, Long.class), rows.getObject(6, Long.class),
                rows.getObject(7, Long.class), rows.getObject(8, Long.class), rows.getObject(9, Long.class),
                rows.getObject(10, Boolean.class), status == null ? null : status.shortValue(), rows.getString(12),
                rows.getString(13), rows.getString(14), rows.getString(15));
    }

    private static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

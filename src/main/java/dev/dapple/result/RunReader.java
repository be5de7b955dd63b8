package dev.dapple.result;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads stored runs back as the {@link RunResult}s the probes reported (see {@link RunRecords} for what is not
 * kept): one run by id, every run planned in a time range (rollups, queries), or a journey's runs page by page
 * (the API). One query per call however many runs match: a run's steps are part of its row.
 */
@Singleton
public final class RunReader {

    private static final String COLUMNS = "SELECT id, journey, location, planned_at, started_at, duration_us, outcome,"
            + " received_at, detail FROM runs WHERE ";

    private final DataSource dataSource;
    private final RunRecords records;

    public RunReader(DataSource dataSource, RunRecords records) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.records = records;
    }

    public Optional<RunResult> byId(UUID id) throws SQLException {
        return read(COLUMNS + "id = ?", List.of(id)).stream().findFirst();
    }

    /**
     * Runs planned in [from, to), of one journey and one location when given (null: all), oldest first.
     */
    public List<RunResult> planned(Instant from, Instant to, @Nullable String journey, @Nullable String location)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append("planned_at >= ? AND planned_at < ?");
        List<Object> values = new ArrayList<>(List.of(Timestamps.of(from), Timestamps.of(to)));
        if (journey != null) {
            sql.append(" AND journey = ?");
            values.add(journey);
        }
        if (location != null) {
            sql.append(" AND location = ?");
            values.add(location);
        }
        return read(sql.append(" ORDER BY planned_at, journey, location").toString(), values);
    }

    /**
     * Runs received from {@code from} through {@code through} (both included), of every journey, in planned order:
     * what the incident evaluator feeds its trackers since its last pass.
     */
    public List<RunResult> received(Instant from, Instant through) throws SQLException {
        return read(COLUMNS + "received_at >= ? AND received_at <= ? ORDER BY planned_at, journey, location",
                List.of(Timestamps.of(from), Timestamps.of(through)));
    }

    /** When the first stored run was received; empty when none is stored. */
    public Optional<Instant> firstReceived() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT MIN(received_at) FROM runs");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return Optional.ofNullable(Timestamps.instant(rows, 1));
        }
    }

    /**
     * One page of a journey's runs, newest first (planned time, then id, both descending), and the cursor of the
     * next page if there may be one. A run stored between two pages shows up in a later page only if it sorts after
     * the cursor, so paging through never shows a run twice or skips one that was there when paging began.
     */
    public RunPage page(RunQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append("journey = ?");
        List<Object> values = new ArrayList<>(List.of(query.journey()));
        if (query.location() != null) {
            sql.append(" AND location = ?");
            values.add(query.location());
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = ?");
            values.add(query.outcome().name());
        }
        if (query.from() != null) {
            sql.append(" AND planned_at >= ?");
            values.add(Timestamps.of(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND planned_at < ?");
            values.add(Timestamps.of(query.to()));
        }
        if (query.after() != null) {
            OffsetDateTime planned = Timestamps.of(query.after().plannedAt());
            sql.append(" AND (planned_at < ? OR (planned_at = ? AND id < ?))");
            values.addAll(List.of(planned, planned, query.after().id()));
        }
        sql.append(" ORDER BY planned_at DESC, id DESC LIMIT ?");
        values.add(query.limit() + 1); // one more tells whether a next page exists
        List<RunResult> runs = read(sql.toString(), values);
        if (runs.size() <= query.limit()) {
            return new RunPage(runs, null);
        }
        List<RunResult> page = runs.subList(0, query.limit());
        RunResult last = page.getLast();
        return new RunPage(List.copyOf(page), new RunCursor(last.plannedAt(), last.id()).encode());
    }

    /** Whether any run of this journey is stored. */
    public boolean hasRuns(String journey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = prepare(connection, "SELECT 1 FROM runs WHERE journey = ? LIMIT 1",
                     List.of(journey));
             ResultSet rows = query.executeQuery()) {
            return rows.next();
        }
    }

    private List<RunResult> read(String sql, List<Object> values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = prepare(connection, sql, values);
             ResultSet rows = query.executeQuery()) {
            List<RunResult> runs = new ArrayList<>();
            while (rows.next()) {
                runs.add(records.toResult(row(rows)));
            }
            return runs;
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

    private static StoredRun row(ResultSet rows) throws SQLException {
        return new StoredRun(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                Timestamps.instant(rows, 4), Timestamps.instant(rows, 5), rows.getObject(6, Long.class),
                Outcome.valueOf(rows.getString(7)), Timestamps.instant(rows, 8), rows.getBytes(9));
    }
}

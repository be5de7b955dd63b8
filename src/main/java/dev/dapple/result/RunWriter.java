package dev.dapple.result;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes a batch of results in one transaction with one JDBC batch insert: a run and its steps are one row
 * ({@link RunRecords}). Idempotent by run id: {@code ON CONFLICT DO NOTHING} (which H2 in PostgreSQL mode accepts
 * too, unlike {@code ON CONFLICT (id)}) skips a run already stored.
 */
@Singleton
public final class RunWriter {

    private static final String INSERT_RUN = "INSERT INTO runs (id, journey, location, planned_at, started_at,"
            + " duration_us, outcome, received_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final RunRecords records;
    private final Clock clock;

    public RunWriter(DataSource dataSource, RunRecords records, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.records = records;
        this.clock = clock;
    }

    /** Stores the results not stored yet and returns how many runs were new; on failure nothing is stored. */
    public int write(List<RunResult> results) throws SQLException {
        Map<UUID, RunResult> unique = new LinkedHashMap<>();
        results.forEach(r -> unique.putIfAbsent(r.id(), r));
        if (unique.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<StoredRun> rows = unique.values().stream().map(r -> records.toRow(r, now)).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int inserted = insert(connection, rows);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static int insert(Connection connection, List<StoredRun> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            for (StoredRun r : rows) {
                insert.setObject(1, r.id());
                insert.setString(2, r.journey());
                insert.setString(3, r.location());
                insert.setObject(4, Timestamps.of(r.plannedAt()));
                insert.setObject(5, Timestamps.of(r.startedAt()));
                insert.setObject(6, r.durationUs(), Types.BIGINT);
                insert.setString(7, r.outcome().name());
                insert.setObject(8, Timestamps.of(r.receivedAt()));
                insert.setBytes(9, r.detail());
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                // 1, or SUCCESS_NO_INFO (-2) from a driver that cannot tell; 0 is a conflict that was skipped.
                inserted += count != 0 ? 1 : 0;
            }
            return inserted;
        }
    }
}

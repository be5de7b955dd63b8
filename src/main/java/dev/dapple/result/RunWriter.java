package dev.dapple.result;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes a batch of results in one transaction with JDBC batch inserts. Idempotent by run id:
 * {@code ON CONFLICT DO NOTHING} (which H2 in PostgreSQL mode accepts too, unlike {@code ON CONFLICT (id)}) skips a
 * run already stored, and its steps are written only for runs this batch actually inserted.
 */
@Singleton
public final class RunWriter {

    private static final String INSERT_RUN = "INSERT INTO runs (id, journey, journey_version, location, probe,"
            + " planned_at, started_at, duration_us, outcome, error_kind, error, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_STEP = "INSERT INTO run_steps (run_id, step_index, name, outcome, duration_us,"
            + " dns_us, connect_us, tls_us, first_byte_us, new_connection, http_status, error_kind, error, failures,"
            + " excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

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
        List<RunRecords.Rows> rows = unique.values().stream().map(r -> records.toRows(r, now)).toList();
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

    private static int insert(Connection connection, List<RunRecords.Rows> rows) throws SQLException {
        int[] counts;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            for (RunRecords.Rows row : rows) {
                StoredRun r = row.run();
                insert.setObject(1, r.id());
                insert.setString(2, r.journey());
                insert.setString(3, r.journeyVersion());
                insert.setString(4, r.location());
                insert.setString(5, r.probe());
                insert.setObject(6, timestamp(r.plannedAt()));
                insert.setObject(7, timestamp(r.startedAt()));
                insert.setObject(8, r.durationUs(), Types.BIGINT);
                insert.setString(9, r.outcome().name());
                insert.setString(10, r.errorKind());
                insert.setString(11, r.error());
                insert.setObject(12, timestamp(r.receivedAt()));
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        List<StoredStep> steps = new ArrayList<>();
        int inserted = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (counts[i] != 0) { // 1, or SUCCESS_NO_INFO from a driver that cannot tell: the step insert skips conflicts
                inserted++;
                steps.addAll(rows.get(i).steps());
            }
        }
        if (steps.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
            for (StoredStep s : steps) {
                insert.setObject(1, s.key().runId());
                insert.setShort(2, s.key().index());
                insert.setString(3, s.name());
                insert.setString(4, s.outcome().name());
                insert.setObject(5, s.durationUs(), Types.BIGINT);
                insert.setObject(6, s.dnsUs(), Types.BIGINT);
                insert.setObject(7, s.connectUs(), Types.BIGINT);
                insert.setObject(8, s.tlsUs(), Types.BIGINT);
                insert.setObject(9, s.firstByteUs(), Types.BIGINT);
                insert.setObject(10, s.newConnection(), Types.BOOLEAN);
                insert.setObject(11, s.httpStatus(), Types.SMALLINT);
                insert.setString(12, s.errorKind());
                insert.setString(13, s.error());
                insert.setString(14, s.failures());
                insert.setString(15, s.excerpt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return inserted;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

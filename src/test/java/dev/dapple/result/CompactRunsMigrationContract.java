package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V4 converts runs stored in V1's layout (a {@code runs} row plus a {@code run_steps} row per step) into the compact
 * one without losing any: a database is migrated to V3 with the Flyway API, runs are stored as V1's writer stored
 * them, the rest of the migrations run, and every run reads back as it was reported. {@link H2CompactRunsMigrationTest},
 * {@link PostgresCompactRunsMigrationTest}.
 */
abstract class CompactRunsMigrationContract {

    abstract DataSource dataSource();

    @Test
    void runsStoredInTheOldLayoutReadBackUnchanged() throws SQLException {
        DataSource dataSource = dataSource();
        flyway(dataSource).target("3").load().migrate();
        List<RunResult> runs = new ArrayList<>();
        for (int minute = 0; minute < 1_205; minute++) { // more than one batch of the migration
            runs.add(switch (minute % 3) {
                case 0 -> TestRuns.run("checkout", minute);
                case 1 -> TestRuns.missed("checkout", minute);
                default -> RunRecordsTest.withSteps(TestRuns.run("search", minute), Outcome.UP,
                        TestRuns.run("search", minute).steps().subList(0, 1)); // an UP run keeps its old excerpt
            });
        }
        try (Connection connection = dataSource.getConnection()) {
            storeTheOldWay(connection, runs);
        }

        flyway(dataSource).load().migrate();

        var reader = new RunReader(dataSource, new RunRecords());
        List<RunResult> read = reader.planned(TestRuns.T0, TestRuns.T0.plusSeconds(60L * 2_000), null, null);
        assertEquals(runs.size(), read.size());
        assertEquals(runs.stream().collect(Collectors.toSet()), read.stream().collect(Collectors.toSet()));
        assertEquals(runs.get(2), reader.byId(runs.get(2).id()).orElseThrow());
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "run_steps", null)) {
            assertFalse(tables.next(), "run_steps is gone");
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    /** What V1's RunWriter did: a runs row, and a run_steps row per step with failures as JSON. */
    private static void storeTheOldWay(Connection connection, List<RunResult> runs) throws SQLException {
        try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (id, journey, journey_version,"
                + " location, probe, planned_at, started_at, duration_us, outcome, error_kind, error, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement step = connection.prepareStatement("INSERT INTO run_steps (run_id, step_index, name,"
                     + " outcome, duration_us, dns_us, connect_us, tls_us, first_byte_us, new_connection, http_status,"
                     + " error_kind, error, failures, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RunResult r : runs) {
                run.setObject(1, r.id());
                run.setString(2, r.journey());
                run.setString(3, r.journeyVersion());
                run.setString(4, r.location());
                run.setString(5, r.probe());
                run.setObject(6, time(r.plannedAt()));
                run.setObject(7, time(r.startedAt()));
                run.setObject(8, r.durationUs(), Types.BIGINT);
                run.setString(9, r.outcome().name());
                run.setString(10, r.errorKind() == null ? null : r.errorKind().code());
                run.setString(11, r.error());
                run.setObject(12, time(r.plannedAt().plusSeconds(1)));
                run.addBatch();
                for (StepResult s : r.steps()) {
                    step.setObject(1, r.id());
                    step.setShort(2, (short) s.index());
                    step.setString(3, s.name());
                    step.setString(4, s.outcome().name());
                    step.setObject(5, s.durationUs(), Types.BIGINT);
                    step.setObject(6, s.dnsUs(), Types.BIGINT);
                    step.setObject(7, s.connectUs(), Types.BIGINT);
                    step.setObject(8, s.tlsUs(), Types.BIGINT);
                    step.setObject(9, s.firstByteUs(), Types.BIGINT);
                    step.setObject(10, s.newConnection(), Types.BOOLEAN);
                    step.setObject(11, s.httpStatus(), Types.SMALLINT);
                    step.setString(12, s.errorKind() == null ? null : s.errorKind().code());
                    step.setString(13, s.error());
                    step.setString(14, json(s.failures()));
                    step.setString(15, s.excerpt());
                    step.addBatch();
                }
            }
            run.executeBatch();
            step.executeBatch();
        }
    }

    private static String json(List<StepResult.AssertionFailure> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        return failures.stream().map(f -> "{\"assertion\":" + quote(f.assertion()) + ",\"expected\":"
                + quote(f.expected()) + (f.actual() == null ? "" : ",\"actual\":" + quote(f.actual())) + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

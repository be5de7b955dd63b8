package db.migration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.RunDetailCodec;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The compact run layout: a run and its steps are one {@code runs} row, whose columns are the ones queries filter
 * and sort by and whose {@code detail} holds the rest ({@link RunDetailCodec}). Converts the rows of V1's layout
 * ({@code runs} + one {@code run_steps} row per step) as they were stored; retries, which V1 did not keep, read as 1
 * for a step that ran and 0 for a skipped one. Java rather than SQL because the steps are encoded in Java.
 *
 * <p>Columns are ordered for PostgreSQL's alignment: the 8-byte ones first, then the UUID, then the texts, so a row
 * has no padding.
 */
public class V4__Compact_runs extends BaseJavaMigration {

    private static final int BATCH = 1_000;
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        execute(connection, """
                CREATE TABLE runs_v4 (
                    planned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
                    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
                    started_at   TIMESTAMP WITH TIME ZONE,
                    duration_us  BIGINT,
                    id           UUID                     NOT NULL,
                    journey      VARCHAR(100)             NOT NULL,
                    location     VARCHAR(100)             NOT NULL,
                    outcome      VARCHAR(10)              NOT NULL,
                    detail       BYTEA                    NOT NULL
                )""");
        copy(connection);
        execute(connection, "DROP TABLE run_steps");
        execute(connection, "DROP TABLE runs");
        execute(connection, "ALTER TABLE runs_v4 RENAME TO runs");
        execute(connection, "ALTER TABLE runs ADD CONSTRAINT runs_pkey PRIMARY KEY (id)");
        execute(connection, "CREATE INDEX runs_by_journey_location_time ON runs (journey, location, planned_at)");
        if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            // Planned and received times grow with insertion order, so a BRIN index (a min/max per 16 heap pages)
            // finds a time range in a few kilobytes, where a B-tree costs 16-25 bytes per run (README, Benchmarks).
            execute(connection, "CREATE INDEX runs_by_planned ON runs USING brin (planned_at)"
                    + " WITH (pages_per_range = 16, autosummarize = on)");
            execute(connection, "CREATE INDEX runs_by_received ON runs USING brin (received_at)"
                    + " WITH (pages_per_range = 16, autosummarize = on)");
        } else {
            execute(connection, "CREATE INDEX runs_by_planned ON runs (planned_at)");
            execute(connection, "CREATE INDEX runs_by_received ON runs (received_at)");
        }
    }

    /** Walks runs and steps in the same order (by run id), so neither has to fit in memory. */
    private static void copy(Connection connection) throws SQLException, IOException {
        try (Statement runQuery = connection.createStatement();
             Statement stepQuery = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO runs_v4 (id, journey, location,"
                     + " planned_at, started_at, duration_us, outcome, received_at, detail)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            runQuery.setFetchSize(BATCH);
            stepQuery.setFetchSize(BATCH);
            try (ResultSet runs = runQuery.executeQuery("SELECT id, journey, location, planned_at, started_at,"
                    + " duration_us, outcome, received_at, journey_version, probe, error_kind, error"
                    + " FROM runs ORDER BY id");
                 ResultSet steps = stepQuery.executeQuery("SELECT run_id, step_index, name, outcome, duration_us,"
                         + " dns_us, connect_us, tls_us, first_byte_us, new_connection, http_status, error_kind,"
                         + " error, failures, excerpt FROM run_steps ORDER BY run_id, step_index")) {
                boolean stepsLeft = steps.next();
                int pending = 0;
                while (runs.next()) {
                    Object id = runs.getObject(1);
                    List<StepResult> runSteps = new ArrayList<>();
                    // Both are sorted by the same column on the same database, so equality is all the walk needs.
                    while (stepsLeft && steps.getObject(1).equals(id)) {
                        runSteps.add(step(steps));
                        stepsLeft = steps.next();
                    }
                    var detail = new RunDetailCodec.Detail(runs.getString(9), runs.getString(10),
                            kind(runs.getString(11)), runs.getString(12), runSteps);
                    for (int column = 1; column <= 8; column++) {
                        insert.setObject(column, runs.getObject(column));
                    }
                    insert.setBytes(9, RunDetailCodec.encode(detail));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
                if (stepsLeft) {
                    throw new IllegalStateException("run_steps has rows of run " + steps.getObject(1)
                            + " that runs does not list in the same order");
                }
            }
        }
    }

    private static StepResult step(ResultSet s) throws SQLException, IOException {
        StepOutcome outcome = StepOutcome.valueOf(s.getString(4));
        return new StepResult(s.getShort(2), s.getString(3), outcome, s.getObject(5, Long.class),
                s.getObject(6, Long.class), s.getObject(7, Long.class), s.getObject(8, Long.class),
                s.getObject(9, Long.class), s.getObject(10, Boolean.class), s.getObject(11, Integer.class),
                failures(s.getString(14)), kind(s.getString(12)), s.getString(13), s.getString(15),
                outcome == StepOutcome.SKIPPED ? 0 : 1);
    }

    /** V1 kept failed assertions as a JSON array of {assertion, expected, actual}. */
    static List<StepResult.AssertionFailure> failures(String json) throws IOException {
        List<StepResult.AssertionFailure> failures = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return failures;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_ARRAY, json);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String assertion = "";
                String expected = "";
                String actual = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    String value = parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    switch (field) {
                        case "assertion" -> assertion = value == null ? "" : value;
                        case "expected" -> expected = value == null ? "" : value;
                        case "actual" -> actual = value;
                        default -> parser.skipChildren();
                    }
                }
                failures.add(new StepResult.AssertionFailure(assertion, expected, actual));
            }
            expect(parser.currentToken(), JsonToken.END_ARRAY, json);
        }
        return failures;
    }

    private static void expect(JsonToken found, JsonToken wanted, String json) {
        if (found != wanted) {
            throw new IllegalStateException("run_steps.failures is not a JSON array of assertions: " + json);
        }
    }

    private static ErrorKind kind(String code) {
        return code == null ? null : ErrorKind.valueOf(code.toUpperCase(Locale.ROOT));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

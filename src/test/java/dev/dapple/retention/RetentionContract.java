package dev.dapple.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.leader.MutableClock;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on a real database ({@link H2RetentionTest}, {@link PostgresRetentionTest}), with a {@link MutableClock}
 * for the leader's time. Rows are written with plain SQL: retention only looks at their times.
 */
abstract class RetentionContract {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final RetentionConfiguration DEFAULTS = new RetentionConfiguration(null, null, (String) null, null, null, null,
            null, null, null);

    @Inject
    DataSource dataSource;

    final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("journey_rollups", "step_rollups", "lateness_rollups", "rollup_minutes", "runs", "outbox",
                    "incidents", "state_changes", "probes")) {
                statement.execute("DELETE FROM " + table);
            }
        }
    }

    private Connection connection() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    void sql(String sql, Object... values) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i] instanceof Instant t ? at(t) : values[i]);
            }
            statement.executeUpdate();
        }
    }

    void run(Instant planned) throws SQLException {
        // Retention never reads a run's detail, so a placeholder byte stands for it.
        sql("INSERT INTO runs (id, journey, location, planned_at, outcome, received_at, detail)"
                + " VALUES (?, 'checkout', 'eu-west', ?, 'ERROR', ?, ?)", UUID.randomUUID(), planned, planned,
                new byte[1]);
    }

    void rollups(int bucketSeconds, Instant start) throws SQLException {
        journeyRollup("checkout", bucketSeconds, start);
        sql("INSERT INTO step_rollups VALUES ('checkout', 'login', 'eu-west', ?, ?, 1, 0, 0, ?)", bucketSeconds, start,
                new byte[1]);
        sql("INSERT INTO lateness_rollups VALUES ('eu-west', ?, ?, 0, ?)", bucketSeconds, start, new byte[1]);
        if (bucketSeconds == 60) {
            sql("INSERT INTO rollup_minutes VALUES (?, 1)", start);
        }
    }

    void journeyRollup(String journey, int bucketSeconds, Instant start) throws SQLException {
        sql("INSERT INTO journey_rollups VALUES (?, 'eu-west', ?, ?, 1, 0, 0, 0, ?)", journey, bucketSeconds, start,
                new byte[1]);
    }

    long count(String table, String where) throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE " + where)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void eachKindIsKeptForItsOwnTime() throws SQLException {
        for (int days : List.of(1, 2, 4, 13, 15, 39, 41, 399, 401)) {
            Instant then = NOW.minus(Duration.ofDays(days));
            run(then);
            rollups(60, then);
            rollups(3_600, then);
            rollups(86_400, then);
        }
        Retention retention = new Retention(dataSource, DEFAULTS);

        Map<String, Long> deleted = retention.enforce(clock.instant());

        assertEquals(5, deleted.get("runs"), "15, 39, 41, 399 and 401 days: older than 14");
        assertEquals(4, count("runs", "1 = 1"));
        for (String table : List.of("journey_rollups", "step_rollups", "lateness_rollups")) {
            assertEquals(2, count(table, "bucket_seconds = 60"), table + ": 1 and 2 days of minutes");
            assertEquals(6, count(table, "bucket_seconds = 3600"), table + ": up to 39 days of hours");
            assertEquals(8, count(table, "bucket_seconds = 86400"), table + ": up to 399 days of days");
        }
        assertEquals(2, count("rollup_minutes", "1 = 1"));
        assertEquals(Map.of(), retention.enforce(clock.instant()), "nothing more until time passes");

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertEquals(1L, retention.enforce(clock.instant()).get("runs"), "the 13-day-old run turned 14");
        assertEquals(1, count("journey_rollups", "bucket_seconds = 60"));
        assertEquals(1, count("rollup_minutes", "1 = 1"));
    }

    void incident(Instant started, boolean resolved) throws SQLException {
        sql("INSERT INTO incidents (journey, started_at, ended_at, locations, failing_steps, no_data, drill, bad_runs,"
                + " recovery_breached, opened_at) VALUES ('checkout', ?, ?, '[]', '[]', FALSE, FALSE, 2, FALSE, ?)",
                started, resolved ? started.plusSeconds(600) : null, started);
    }

    void stateChange(Instant recorded) throws SQLException {
        sql("INSERT INTO state_changes (kind, journey, subject, occurred_at, recorded_at, drill, details)"
                + " VALUES ('incident-opened', 'checkout', 'incident-1', ?, ?, FALSE, '{}')", recorded, recorded);
    }

    @Test
    void resolvedIncidentsAndStateChangesAreKeptFourHundredDays() throws SQLException {
        incident(NOW.minus(Duration.ofDays(401)), true);
        incident(NOW.minus(Duration.ofDays(402)), false); // still open: kept
        incident(NOW.minus(Duration.ofDays(399)), true);
        stateChange(NOW.minus(Duration.ofDays(401)));
        stateChange(NOW.minus(Duration.ofDays(399)));

        Map<String, Long> deleted = new Retention(dataSource, DEFAULTS).enforce(clock.instant());

        assertEquals(1L, deleted.get("incidents"));
        assertEquals(1L, deleted.get("state changes"));
        assertEquals(1, count("incidents", "ended_at IS NULL"));
        assertEquals(2, count("incidents", "1 = 1"));
        assertEquals(1, count("state_changes", "1 = 1"));
    }

    @Test
    void aBacklogIsDeletedInBoundedBatchesOverSeveralPasses() throws SQLException {
        for (int i = 0; i < 50; i++) {
            run(NOW.minus(Duration.ofDays(20)).plusSeconds(i));
        }
        run(NOW.minus(Duration.ofDays(1)));
        Retention retention = new Retention(dataSource, Retention.rules(DEFAULTS), 10, 2);

        assertEquals(20L, retention.enforce(clock.instant()).get("runs"));
        assertEquals(31, count("runs", "1 = 1"));
        assertEquals(20L, retention.enforce(clock.instant()).get("runs"));
        assertEquals(10L, retention.enforce(clock.instant()).get("runs"));
        assertEquals(1, count("runs", "1 = 1"), "the recent run stays");
    }

    @Test
    void rowsSharingTheBatchBoundaryTimeGoTogether() throws SQLException {
        for (int minute = 0; minute < 3; minute++) {
            for (String journey : List.of("a", "b", "c", "d")) {
                journeyRollup(journey, 60, NOW.minus(Duration.ofDays(5)).plusSeconds(60L * minute));
            }
        }
        Retention retention = new Retention(dataSource, Retention.rules(DEFAULTS), 3, 1);
        assertEquals(4L, retention.enforce(clock.instant()).get("minute rollups"), "the whole first minute");
        assertEquals(8, count("journey_rollups", "1 = 1"));
    }

    void outboxMessage(String state, Instant finished) throws SQLException {
        outboxMessage("NOTICE", "journeys/invalid", state, finished);
    }

    void outboxMessage(String kind, String key, String state, Instant finished) throws SQLException {
        sql("INSERT INTO outbox (message_id, channel, kind, alert_key, state, created_at, next_attempt_at, attempts,"
                + " reached, finished_at, alert) VALUES (?, 'pager', ?, ?, ?, ?, ?, 1, FALSE, ?, '{}')",
                UUID.randomUUID().toString(), kind, key, state, finished, finished, finished);
    }

    @Test
    void aSentTriggerIsKeptWhileItsIncidentIsOpenSoItCanBeReSent() throws SQLException {
        outboxMessage("TRIGGER", "checkout/incident-1", "SENT", NOW.minus(Duration.ofDays(20)));
        outboxMessage("TRIGGER", "checkout/incident-2", "SENT", NOW.minus(Duration.ofDays(20)));
        outboxMessage("RESOLVE", "checkout/incident-2", "SENT", NOW.minus(Duration.ofDays(2)));

        Map<String, Long> deleted = new Retention(dataSource, DEFAULTS).enforce(clock.instant());

        assertEquals(1L, deleted.get("sent alerts"), "the trigger of the resolved incident");
        assertEquals(1, count("outbox", "alert_key = 'checkout/incident-1'"), "still firing: kept");
        assertEquals(1, count("outbox", "alert_key = 'checkout/incident-2'"), "the recent resolve");
    }

    @Test
    void probesNotHeardOfForSevenDaysAreForgotten() throws SQLException {
        for (var probe : Map.of("renamed", 8, "quiet-for-a-while", 6).entrySet()) {
            Instant last = NOW.minus(Duration.ofDays(probe.getValue()));
            sql("INSERT INTO probes (location, probe, version, first_seen, last_heartbeat, running, capacity,"
                    + " buffer_depth, buffer_dropped, assigned) VALUES ('eu-west', ?, 'dev', ?, ?, 0, 1, 0, 0, '[]')",
                    probe.getKey(), last, last);
        }

        Map<String, Long> deleted = new Retention(dataSource, DEFAULTS).enforce(clock.instant());

        assertEquals(1L, deleted.get("silent probes"));
        assertEquals(1, count("probes", "probe = 'quiet-for-a-while'"));
        assertEquals(0, count("probes", "probe = 'renamed'"));
    }

    @Test
    void sentAndDroppedAlertsAreKeptSevenDaysDeadOnesThirty() throws SQLException {
        for (String state : List.of("SENT", "DROPPED", "DEAD")) {
            outboxMessage(state, NOW.minus(Duration.ofDays(6)));
            outboxMessage(state, NOW.minus(Duration.ofDays(8)));
            outboxMessage(state, NOW.minus(Duration.ofDays(31)));
        }
        sql("INSERT INTO outbox (message_id, channel, kind, alert_key, state, created_at, next_attempt_at, attempts,"
                + " reached, alert) VALUES ('pending-1', 'pager', 'RESOLVE', 'checkout/incident-1', 'PENDING', ?, ?, 9,"
                + " FALSE, '{}')", NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(90)));

        Map<String, Long> deleted = new Retention(dataSource, DEFAULTS).enforce(clock.instant());

        assertEquals(4L, deleted.get("sent alerts"), "sent and dropped, 8 and 31 days old");
        assertEquals(1L, deleted.get("dead alerts"), "the 31-day-old one");
        assertEquals(1, count("outbox", "state = 'SENT'"));
        assertEquals(1, count("outbox", "state = 'DROPPED'"));
        assertEquals(2, count("outbox", "state = 'DEAD'"));
        assertEquals(1, count("outbox", "state = 'PENDING'"), "a pending message is never deleted, however old");
    }

    @Test
    void aResolveIsKeptAsLongAsADeadTriggerOfItsKeySoTheTriggerCannotBeReplayed() throws SQLException {
        outboxMessage("TRIGGER", "checkout/incident-1", "DEAD", NOW.minus(Duration.ofDays(9)));
        outboxMessage("RESOLVE", "checkout/incident-1", "SENT", NOW.minus(Duration.ofDays(8)));
        outboxMessage("TRIGGER", "checkout/incident-2", "DEAD", NOW.minus(Duration.ofDays(31)));
        outboxMessage("RESOLVE", "checkout/incident-2", "SENT", NOW.minus(Duration.ofDays(8)));

        new Retention(dataSource, DEFAULTS).enforce(clock.instant());
        assertEquals(2, count("outbox", "alert_key = 'checkout/incident-1'"), "the dead trigger is kept: so is its resolve");
        assertEquals(1, count("outbox", "alert_key = 'checkout/incident-2' AND kind = 'RESOLVE'"),
                "its dead trigger went in this pass");

        new Retention(dataSource, DEFAULTS).enforce(clock.instant());
        assertEquals(0, count("outbox", "alert_key = 'checkout/incident-2'"), "then the resolve goes too");
    }
}

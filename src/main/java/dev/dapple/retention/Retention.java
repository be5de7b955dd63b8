package dev.dapple.retention;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Deletes what is older than its retention, rule by rule, in bounded batches (each its own short transaction), so a
 * first run over a large backlog neither locks a table for long nor builds one huge transaction. A pass stops a
 * rule after {@code maxBatches}; the next pass continues.
 */
@Singleton
public final class Retention {

    static final int BATCH_ROWS = 5_000;
    static final int MAX_BATCHES = 20;
    /**
     * Sent and dropped alert messages, but not a sent trigger whose resolve was never queued: its incident is still
     * open, and a channel that re-sends firing alerts (Alertmanager) re-sends it from this row. Nor a resolve while a
     * dead trigger of its key and channel is kept: that resolve is what refuses the trigger's replay (it would open
     * an alert nobody closes), so it goes with the trigger.
     */
    static final String SENT_ALERTS = "state IN ('SENT', 'DROPPED') AND (kind <> 'TRIGGER' OR state <> 'SENT'"
            + " OR EXISTS (SELECT 1 FROM outbox r WHERE r.channel = outbox.channel AND r.alert_key = outbox.alert_key"
            + " AND r.kind = 'RESOLVE')) AND (kind <> 'RESOLVE' OR NOT EXISTS (SELECT 1 FROM outbox t"
            + " WHERE t.channel = outbox.channel AND t.alert_key = outbox.alert_key AND t.kind = 'TRIGGER'"
            + " AND t.state = 'DEAD'))";

    private final DataSource dataSource;
    private final List<RetentionRule> rules;
    private final int batchRows;
    private final int maxBatches;

    @Inject
    public Retention(DataSource dataSource, RetentionConfiguration config) {
        this(dataSource, rules(config), BATCH_ROWS, MAX_BATCHES);
    }

    /** For tests: small batches. */
    Retention(DataSource dataSource, List<RetentionRule> rules, int batchRows, int maxBatches) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.rules = List.copyOf(rules);
        this.batchRows = batchRows;
        this.maxBatches = maxBatches;
    }

    /** Everything the leader deletes with age: one line per table (and bucket size). */
    static List<RetentionRule> rules(RetentionConfiguration config) {
        return List.of(
                new RetentionRule("runs", "runs", "planned_at", "", config.runs()),
                new RetentionRule("minute rollups", "journey_rollups", "bucket_start", "bucket_seconds = 60", config.minuteRollups()),
                new RetentionRule("hour rollups", "journey_rollups", "bucket_start", "bucket_seconds = 3600", config.hourRollups()),
                new RetentionRule("day rollups", "journey_rollups", "bucket_start", "bucket_seconds = 86400", config.dayRollups()),
                new RetentionRule("minute step rollups", "step_rollups", "bucket_start", "bucket_seconds = 60", config.minuteRollups()),
                new RetentionRule("hour step rollups", "step_rollups", "bucket_start", "bucket_seconds = 3600", config.hourRollups()),
                new RetentionRule("day step rollups", "step_rollups", "bucket_start", "bucket_seconds = 86400", config.dayRollups()),
                new RetentionRule("minute lateness rollups", "lateness_rollups", "bucket_start", "bucket_seconds = 60", config.minuteRollups()),
                new RetentionRule("hour lateness rollups", "lateness_rollups", "bucket_start", "bucket_seconds = 3600", config.hourRollups()),
                new RetentionRule("day lateness rollups", "lateness_rollups", "bucket_start", "bucket_seconds = 86400", config.dayRollups()),
                new RetentionRule("minute SLO rollups", "slo_rollups", "bucket_start", "bucket_seconds = 60", config.minuteRollups()),
                new RetentionRule("hour SLO rollups", "slo_rollups", "bucket_start", "bucket_seconds = 3600", config.hourRollups()),
                new RetentionRule("day SLO rollups", "slo_rollups", "bucket_start", "bucket_seconds = 86400", config.dayRollups()),
                new RetentionRule("minute derivation times", "rollup_minutes", "bucket_start", "", config.minuteRollups()),
                new RetentionRule("incidents", "incidents", "started_at", "ended_at IS NOT NULL", config.incidents()),
                new RetentionRule("state changes", "state_changes", "recorded_at", "", config.incidents()),
                new RetentionRule("ended maintenance windows", "maintenance_windows", "ends_at", "", config.maintenance()),
                new RetentionRule("deleted maintenance windows", "maintenance_windows", "deleted_at", "", config.maintenance()),
                new RetentionRule("drills", "drills", "starts_at", "", config.maintenance()),
                new RetentionRule("annotations", "annotations", "to_at", "", config.maintenance()),
                new RetentionRule("sent alerts", "outbox", "finished_at", SENT_ALERTS, config.sentAlerts()),
                new RetentionRule("dead alerts", "outbox", "finished_at", "state = 'DEAD'", config.deadAlerts()),
                new RetentionRule("silent probes", "probes", "last_heartbeat", "", config.silentProbes()));
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    /** One pass at wall-clock time {@code now}: rows deleted per rule (rules that deleted nothing left out). */
    public Map<String, Long> enforce(Instant now) throws SQLException {
        Map<String, Long> deleted = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (RetentionRule rule : rules) {
                long count = enforce(connection, rule, now.minus(rule.maxAge()));
                if (count > 0) {
                    deleted.put(rule.name(), count);
                }
            }
        }
        return deleted;
    }

    private long enforce(Connection connection, RetentionRule rule, Instant cutoff) throws SQLException {
        long total = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            int deleted = deleteBatch(connection, rule, cutoff);
            total += deleted;
            if (deleted < batchRows) {
                break;
            }
        }
        return total;
    }

    /**
     * Deletes about one batch of the oldest rows: up to the time of the batch's last row (so rows sharing that time,
     * like the buckets of one minute, go together). Portable: neither H2 nor PostgreSQL needs DELETE ... LIMIT.
     */
    private int deleteBatch(Connection connection, RetentionRule rule, Instant cutoff) throws SQLException {
        OffsetDateTime bound = Timestamps.of(cutoff);
        boolean inclusive = false;
        try (PreparedStatement last = connection.prepareStatement("SELECT " + rule.timeColumn() + " FROM "
                + rule.table() + " WHERE " + rule.where() + " ORDER BY " + rule.timeColumn() + " LIMIT 1 OFFSET ?")) {
            last.setObject(1, bound);
            last.setInt(2, batchRows - 1);
            try (ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    bound = rows.getObject(1, OffsetDateTime.class);
                    inclusive = true;
                }
            }
        }
        String where = inclusive ? rule.where().replaceFirst("< \\?$", "<= ?") : rule.where();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + rule.table() + " WHERE " + where)) {
            delete.setObject(1, bound);
            return delete.executeUpdate();
        }
    }
}

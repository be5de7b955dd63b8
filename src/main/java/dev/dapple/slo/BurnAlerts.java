package dev.dapple.slo;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The firing burn-rate alerts in {@code burn_alerts}, on a connection the caller holds (and commits). */
@Singleton
public final class BurnAlerts {

    private static final String COLUMNS = "journey, objective, rule, urgency, fired_at, burn_rate, threshold, drill";

    private final DataSource dataSource;

    BurnAlerts(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The journey's firing alerts, read on a connection of its own. */
    public List<FiringBurnAlert> firing(String journey) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return firing(connection, journey);
        }
    }

    /** Firing alerts, of one journey or (null) of all, by journey, objective and rule. */
    public List<FiringBurnAlert> firing(Connection connection, String journey) throws SQLException {
        String where = journey == null ? "" : " WHERE journey = ?";
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM burn_alerts" + where
                + " ORDER BY journey, objective, rule")) {
            if (journey != null) {
                select.setString(1, journey);
            }
            List<FiringBurnAlert> alerts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    alerts.add(new FiringBurnAlert(rows.getString(1), rows.getString(2), rows.getString(3),
                            BurnRateRule.Urgency.valueOf(rows.getString(4)),
                            Timestamps.instant(rows, 5), rows.getDouble(6), rows.getDouble(7),
                            rows.getBoolean(8)));
                }
            }
            return alerts;
        }
    }

    /** Stores a firing alert; a second evaluator firing the same alert fails here on the primary key. */
    void fire(Connection connection, FiringBurnAlert alert) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO burn_alerts (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, alert.journey());
            insert.setString(2, alert.objective());
            insert.setString(3, alert.rule());
            insert.setString(4, alert.urgency().name());
            insert.setObject(5, Timestamps.of(alert.firedAt()));
            insert.setDouble(6, alert.burnRate());
            insert.setDouble(7, alert.threshold());
            insert.setBoolean(8, alert.drill());
            insert.executeUpdate();
        }
    }

    /** Removes a firing alert; false when it was not firing (already resolved by someone else). */
    boolean resolve(Connection connection, FiringBurnAlert.Key key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM burn_alerts WHERE journey = ? AND objective = ? AND rule = ?")) {
            delete.setString(1, key.journey());
            delete.setString(2, key.objective());
            delete.setString(3, key.rule());
            return delete.executeUpdate() == 1;
        }
    }
}

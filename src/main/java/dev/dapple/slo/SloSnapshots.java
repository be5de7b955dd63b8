package dev.dapple.slo;

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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The per-journey status snapshots in {@code slo_snapshots}; writes on a connection the caller holds. */
@Singleton
public final class SloSnapshots {

    private final DataSource dataSource;
    private final BurnAlerts alerts;
    private final JsonMapper json;

    SloSnapshots(DataSource dataSource, BurnAlerts alerts, JsonMapper json) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.alerts = alerts;
        this.json = json;
    }

    /** Replaces the journey's snapshot (delete and insert: portable, and the row is locked until commit). */
    void store(Connection connection, SloSnapshot snapshot) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM slo_snapshots WHERE journey = ?")) {
            delete.setString(1, snapshot.journey());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO slo_snapshots (journey,"
                + " evaluated_at, sli, budget_remaining, burn_rate_1h, firing_alerts, report, state, open_incident)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, snapshot.journey());
            insert.setObject(2, Timestamps.of(snapshot.evaluatedAt()));
            setDouble(insert, 3, snapshot.sli());
            setDouble(insert, 4, snapshot.budgetRemaining());
            setDouble(insert, 5, snapshot.burnRate1h());
            insert.setInt(6, snapshot.firingAlerts().size());
            insert.setString(7, write(snapshot.report()));
            insert.setString(8, snapshot.state().name());
            if (snapshot.openIncident() == null) {
                insert.setNull(9, Types.BIGINT);
            } else {
                insert.setLong(9, snapshot.openIncident());
            }
            insert.executeUpdate();
        }
    }

    /** Drops the snapshots of journeys not in {@code published}; returns the journeys dropped. */
    List<String> retainOnly(Connection connection, Collection<String> published) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT journey FROM slo_snapshots");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (!published.contains(rows.getString(1))) {
                    gone.add(rows.getString(1));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM slo_snapshots WHERE journey = ?")) {
            for (String journey : gone) {
                delete.setString(1, journey);
                delete.executeUpdate();
            }
        }
        return gone;
    }

    /**
     * The share of availability budget the journey had left at its last evaluation, read on {@code connection} (an
     * evaluation may be replacing the row in that very transaction); empty when unknown.
     */
    public Optional<Double> budgetRemaining(Connection connection, String journey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT budget_remaining FROM slo_snapshots WHERE journey = ?")) {
            select.setString(1, journey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(getDouble(rows, 1)) : Optional.empty();
            }
        }
    }

    /** A journey's state and availability at its last evaluation: what a badge shows, without the whole report. */
    public record Status(JourneyState state, @Nullable Double sli) {
    }

    /** The journey's {@link Status}; empty when it was never evaluated. */
    public Optional<Status> status(String journey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT state, sli FROM slo_snapshots WHERE journey = ?")) {
            select.setString(1, journey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Status(JourneyState.valueOf(rows.getString(1)), getDouble(rows, 2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * A journey's headline figures at its last evaluation, without the report: what an overview of every journey
     * needs, in one query that parses no JSON.
     */
    public record Headline(String journey, Instant evaluatedAt, JourneyState state, @Nullable Long openIncident,
                           @Nullable Double sli, @Nullable Double budgetRemaining, @Nullable Double burnRate1h,
                           int firingAlerts) {
    }

    /** Every stored snapshot's {@link Headline}, by journey name. */
    public List<Headline> headlines() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT journey, evaluated_at, state,"
                     + " open_incident, sli, budget_remaining, burn_rate_1h, firing_alerts FROM slo_snapshots"
                     + " ORDER BY journey");
             ResultSet rows = select.executeQuery()) {
            List<Headline> headlines = new ArrayList<>();
            while (rows.next()) {
                headlines.add(new Headline(rows.getString(1), Timestamps.instant(rows, 2),
                        JourneyState.valueOf(rows.getString(3)), rows.getObject(4) == null ? null : rows.getLong(4),
                        getDouble(rows, 5), getDouble(rows, 6), getDouble(rows, 7), rows.getInt(8)));
            }
            return headlines;
        }
    }

    /** Every stored snapshot with the journey's firing burn alerts, by journey name. */
    public List<SloSnapshot> all() throws SQLException {
        return select(null);
    }

    /** The journey's snapshot with its firing burn alerts (one row: a page of one journey parses one report). */
    public Optional<SloSnapshot> of(String journey) throws SQLException {
        return select(journey).stream().findFirst();
    }

    private List<SloSnapshot> select(@Nullable String journey) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<FiringBurnAlert>> firing = alerts.firing(connection, journey).stream()
                    .collect(Collectors.groupingBy(FiringBurnAlert::journey));
            List<SloSnapshot> snapshots = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT journey, evaluated_at, sli,"
                    + " budget_remaining, burn_rate_1h, report, state, open_incident FROM slo_snapshots"
                    + (journey == null ? "" : " WHERE journey = ?") + " ORDER BY journey")) {
                if (journey != null) {
                    select.setString(1, journey);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String name = rows.getString(1);
                        Long openIncident = rows.getObject(8) == null ? null : rows.getLong(8);
                        snapshots.add(new SloSnapshot(name, Timestamps.instant(rows, 2),
                                JourneyState.valueOf(rows.getString(7)), openIncident,
                                getDouble(rows, 3), getDouble(rows, 4), getDouble(rows, 5),
                                firing.getOrDefault(name, List.of()), read(rows.getString(6))));
                    }
                }
            }
            return snapshots;
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rows, int index) throws SQLException {
        double value = rows.getDouble(index);
        return rows.wasNull() ? null : value;
    }

    private String write(SloReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an SLO report as JSON", e);
        }
    }

    private SloReport read(String report) {
        try {
            return json.readValue(report, SloReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored SLO report cannot be read", e);
        }
    }
}

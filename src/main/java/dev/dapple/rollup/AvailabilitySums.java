package dev.dapple.rollup;

import dev.dapple.database.Timestamps;
import dev.dapple.retention.RetentionConfiguration;
import dev.dapple.slo.EventCounts;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Availability events (good and bad, as the SLO rollups classified them: maintenance and ERROR runs left out) of every
 * journey at once, summed by the database, for pages that show many journeys. Unlike {@link RollupSloCounts} they read
 * only derived rollups, never raw runs: a page over a thousand journeys must not classify runs per request, so each
 * answer says up to when it counts.
 */
@Singleton
public final class AvailabilitySums {

    /** The whole journey's availability objective; a step's own availability is {@code step:NAME}. */
    public static final String WORKFLOW = "availability";
    private static final String STEP_PREFIX = "step:";

    /** One cell: a journey's workflow (step null) or one of its steps, at one location. */
    public record Cell(String journey, String step, String location) {
    }

    /**
     * @param from  the first planned time counted
     * @param to    where counting stops: the end of the derived rollups, at most the requested end
     * @param cells counts per cell; cells without events are absent
     */
    public record Window(Instant from, Instant to, Map<Cell, EventCounts> cells) {
    }

    private final RollupStore store;
    private final RetentionConfiguration retention;

    AvailabilitySums(RollupStore store, RetentionConfiguration retention) {
        this.store = store;
        this.retention = retention;
    }

    /** Per journey, step and location, the events planned in the derived part of [now − length, now). */
    public Window window(Duration length, Instant now) throws SQLException {
        Instant from = now.minus(length);
        Map<Cell, EventCounts> cells = new HashMap<>();
        Instant to = from;
        try (Connection connection = store.connection()) {
            Coverage coverage = Coverage.current(store, connection, retention, from, now, now);
            for (Coverage.Piece piece : coverage.pieces()) {
                if (piece.size() == null) {
                    continue; // raw runs: edges of partial minutes and minutes not derived yet
                }
                to = piece.to().isAfter(to) ? piece.to() : to;
                sum(connection, piece, cells);
            }
        }
        return new Window(from, to, cells);
    }

    private static void sum(Connection connection, Coverage.Piece piece, Map<Cell, EventCounts> cells)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT journey, objective, location,"
                + " SUM(good_count), SUM(bad_count) FROM slo_rollups WHERE bucket_seconds = ? AND bucket_start >= ?"
                + " AND bucket_start < ? AND location <> ? AND (objective = ? OR objective LIKE ?)"
                + " GROUP BY journey, objective, location")) {
            query.setInt(1, piece.size().seconds());
            query.setObject(2, Timestamps.of(piece.from()));
            query.setObject(3, Timestamps.of(piece.to()));
            query.setString(4, RollupTable.TIMESLICES);
            query.setString(5, WORKFLOW);
            query.setString(6, STEP_PREFIX + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String objective = rows.getString(2);
                    String step = objective.startsWith(STEP_PREFIX) ? objective.substring(STEP_PREFIX.length()) : null;
                    cells.merge(new Cell(rows.getString(1), step, rows.getString(3)),
                            new EventCounts(rows.getLong(4), rows.getLong(5)), EventCounts::plus);
                }
            }
        }
    }

    /**
     * Each journey's workflow availability events per derived hour starting in [from, to), pooled over locations:
     * journey → hour start → counts.
     */
    public Map<String, Map<Instant, EventCounts>> hourly(Instant from, Instant to) throws SQLException {
        Map<String, Map<Instant, EventCounts>> found = new HashMap<>();
        try (Connection connection = store.connection()) {
            pooled(connection, BucketSize.HOUR, from, to, (journey, start, counts) ->
                    found.computeIfAbsent(journey, j -> new TreeMap<>()).merge(start, counts, EventCounts::plus));
        }
        return found;
    }

    /**
     * Each journey's workflow availability events per UTC day starting in [from, to), pooled over locations: from the
     * daily rollups where days are derived, else from the derived hours of the day (so today and a day whose
     * derivation is still pending count up to the last derived hour).
     */
    public Map<String, Map<Instant, EventCounts>> daily(Instant from, Instant to) throws SQLException {
        Map<String, Map<Instant, EventCounts>> found = new HashMap<>();
        try (Connection connection = store.connection()) {
            Instant daysDerived = BucketSize.DAY.floor(store.position(connection, BucketSize.DAY.plural(), false)
                    .orElse(Instant.EPOCH));
            Instant split = daysDerived.isBefore(from) ? from : daysDerived.isAfter(to) ? to : daysDerived;
            pooled(connection, BucketSize.DAY, from, split, (journey, start, counts) ->
                    found.computeIfAbsent(journey, j -> new TreeMap<>()).merge(start, counts, EventCounts::plus));
            pooled(connection, BucketSize.HOUR, split, to, (journey, start, counts) ->
                    found.computeIfAbsent(journey, j -> new TreeMap<>())
                            .merge(BucketSize.DAY.floor(start), counts, EventCounts::plus));
        }
        return found;
    }

    private interface Row {
        void add(String journey, Instant bucketStart, EventCounts counts);
    }

    private static void pooled(Connection connection, BucketSize size, Instant from, Instant to, Row into)
            throws SQLException {
        if (!from.isBefore(to)) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT journey, bucket_start, SUM(good_count),"
                + " SUM(bad_count) FROM slo_rollups WHERE bucket_seconds = ? AND bucket_start >= ? AND bucket_start < ?"
                + " AND location <> ? AND objective = ? GROUP BY journey, bucket_start")) {
            query.setInt(1, size.seconds());
            query.setObject(2, Timestamps.of(from));
            query.setObject(3, Timestamps.of(to));
            query.setString(4, RollupTable.TIMESLICES);
            query.setString(5, WORKFLOW);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    into.add(rows.getString(1), Timestamps.instant(rows, 2),
                            new EventCounts(rows.getLong(3), rows.getLong(4)));
                }
            }
        }
    }
}

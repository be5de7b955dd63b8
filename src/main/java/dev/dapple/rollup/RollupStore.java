package dev.dapple.rollup;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The rollup tables and the derivation's progress, in plain JDBC on a connection the caller holds, so the deriver
 * puts a bucket's delete, inserts and progress in one transaction.
 */
@Singleton
final class RollupStore {

    private final DataSource dataSource;

    RollupStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Replaces the buckets of one size starting in [from, to), in every table, by {@code buckets}. */
    void replace(Connection connection, BucketSize size, Instant from, Instant to, Map<Instant, Rollups> buckets)
            throws SQLException {
        for (RollupTable table : RollupTable.values()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.table()
                    + " WHERE bucket_seconds = ? AND bucket_start >= ? AND bucket_start < ?")) {
                delete.setInt(1, size.seconds());
                delete.setObject(2, Timestamps.of(from));
                delete.setObject(3, Timestamps.of(to));
                delete.executeUpdate();
            }
            insert(connection, table, size, buckets);
        }
    }

    private static void insert(Connection connection, RollupTable table, BucketSize size,
                               Map<Instant, Rollups> buckets) throws SQLException {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.addAll(List.of("bucket_seconds", "bucket_start"));
        columns.addAll(table.counterColumns());
        if (table.histogram()) {
            columns.add("histogram");
        }
        String sql = "INSERT INTO " + table.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        int rows = 0;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Map.Entry<Instant, Rollups> bucket : buckets.entrySet()) {
                for (Map.Entry<List<String>, Tally> row : bucket.getValue().of(table).entrySet()) {
                    int i = 1;
                    for (String value : row.getKey()) {
                        insert.setString(i++, value);
                    }
                    insert.setInt(i++, size.seconds());
                    insert.setObject(i++, Timestamps.of(bucket.getKey()));
                    for (int c = 0; c < table.counters().size(); c++) {
                        insert.setInt(i++, Math.toIntExact(row.getValue().count(c)));
                    }
                    if (table.histogram()) {
                        insert.setBytes(i, row.getValue().compressed());
                    }
                    insert.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    /**
     * Adds the rows of one size starting in [from, to) whose key columns equal {@code filter}'s values into the
     * {@link Rollups} that {@code into} returns for each row's bucket start.
     */
    void read(Connection connection, RollupTable table, BucketSize size, Instant from, Instant to,
              Map<String, String> filter, Function<Instant, Rollups> into) throws SQLException {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.add("bucket_start");
        columns.addAll(table.counterColumns());
        if (table.histogram()) {
            columns.add("histogram");
        }
        StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", columns) + " FROM " + table.table()
                + " WHERE bucket_seconds = ? AND bucket_start >= ? AND bucket_start < ?");
        List<String> values = new ArrayList<>();
        filter.forEach((column, value) -> {
            if (!table.keyColumns().contains(column)) {
                throw new IllegalArgumentException(table.table() + " has no key column " + column);
            }
            sql.append(" AND ").append(column).append(" = ?");
            values.add(value);
        });
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            query.setInt(1, size.seconds());
            query.setObject(2, Timestamps.of(from));
            query.setObject(3, Timestamps.of(to));
            for (int i = 0; i < values.size(); i++) {
                query.setString(4 + i, values.get(i));
            }
            int keys = table.keyColumns().size();
            int counters = table.counters().size();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<String> key = new ArrayList<>(keys);
                    for (int i = 1; i <= keys; i++) {
                        key.add(rows.getString(i));
                    }
                    Instant start = Timestamps.instant(rows, keys + 1);
                    long[] counts = new long[counters];
                    for (int c = 0; c < counters; c++) {
                        counts[c] = rows.getLong(keys + 2 + c);
                    }
                    byte[] histogram = table.histogram() ? rows.getBytes(keys + 2 + counters) : null;
                    into.apply(start).tally(table, List.copyOf(key)).add(Tally.decode(counts, histogram));
                }
            }
        }
    }

    /** Where the named progress stands; with {@code lock}, the row stays locked until the transaction ends. */
    Optional<Instant> position(Connection connection, String name, boolean lock) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT position FROM rollup_progress WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(Timestamps.instant(rows, 1)) : Optional.empty();
            }
        }
    }

    void setPosition(Connection connection, String name, Instant position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE rollup_progress SET position = ? WHERE name = ?")) {
            update.setObject(1, Timestamps.of(position));
            update.setString(2, name);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO rollup_progress (name, position) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setObject(2, Timestamps.of(position));
            insert.executeUpdate();
        }
    }

    void clearPosition(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM rollup_progress WHERE name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
    }

    /** Records how many runs each minute in [from, to) was derived from; minutes without runs need no row. */
    void markDerived(Connection connection, Instant from, Instant to, Map<Instant, Integer> runsPerMinute)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM rollup_minutes WHERE bucket_start >= ? AND bucket_start < ?")) {
            delete.setObject(1, Timestamps.of(from));
            delete.setObject(2, Timestamps.of(to));
            delete.executeUpdate();
        }
        if (runsPerMinute.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO rollup_minutes (bucket_start, runs) VALUES (?, ?)")) {
            for (Map.Entry<Instant, Integer> minute : runsPerMinute.entrySet()) {
                insert.setObject(1, Timestamps.of(minute.getKey()));
                insert.setInt(2, minute.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** How many runs a derived minute was derived from (0 when it had none). */
    int derivedRuns(Connection connection, Instant minute) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT runs FROM rollup_minutes WHERE bucket_start = ?")) {
            query.setObject(1, Timestamps.of(minute));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    /** How many runs are stored for [from, to) now. */
    int storedRuns(Connection connection, Instant from, Instant to) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM runs WHERE planned_at >= ? AND planned_at < ?")) {
            query.setObject(1, Timestamps.of(from));
            query.setObject(2, Timestamps.of(to));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The minutes of the runs received after {@code after} and planned before {@code plannedBefore}. */
    Set<Instant> minutesReceivedAfter(Connection connection, Instant after, Instant plannedBefore)
            throws SQLException {
        Set<Instant> minutes = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT planned_at FROM runs WHERE received_at > ? AND planned_at < ?")) {
            query.setObject(1, Timestamps.of(after));
            query.setObject(2, Timestamps.of(plannedBefore));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    minutes.add(BucketSize.MINUTE.floor(Timestamps.instant(rows, 1)));
                }
            }
        }
        return minutes;
    }

    /** The planned time of the {@code n}-th run (1-based) planned at or after {@code from}, if there are that many. */
    Optional<Instant> nthPlanned(Connection connection, Instant from, int n) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT planned_at FROM runs WHERE planned_at >= ? ORDER BY planned_at LIMIT 1 OFFSET ?")) {
            query.setObject(1, Timestamps.of(from));
            query.setInt(2, n - 1);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(Timestamps.instant(rows, 1)) : Optional.empty();
            }
        }
    }

    /** The earliest planned time of a run at or after {@code from}: where derivation can skip to. */
    Optional<Instant> firstPlanned(Connection connection, Instant from) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT MIN(planned_at) FROM runs WHERE planned_at >= ?")) {
            query.setObject(1, Timestamps.of(from));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return Optional.ofNullable(Timestamps.instant(rows, 1));
            }
        }
    }
}

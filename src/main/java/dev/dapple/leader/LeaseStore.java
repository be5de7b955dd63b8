package dev.dapple.leader;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code leases} table in plain SQL that means the same on H2 (PostgreSQL mode) and PostgreSQL. Every statement
 * runs alone in autocommit: a single UPDATE is atomic under the row lock (both databases re-check its WHERE after
 * waiting for a concurrent writer), and a concurrent INSERT of the same name fails on the primary key. No advisory
 * locks. Times come from the caller, so one clock decides them (see {@link LeaderLease}).
 */
@Singleton
public class LeaseStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public LeaseStore(DataSource dataSource) {
        // Raw connections: a lease write must commit at once, never join a caller's transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * Takes or renews the lease for {@code holder} until {@code now + duration}: succeeds when the lease is free,
     * already held by {@code holder}, or expired at {@code now}.
     */
    public boolean tryAcquire(String name, String holder, Instant now, Duration duration) throws SQLException {
        OffsetDateTime at = time(now);
        OffsetDateTime until = time(now.plus(duration));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE leases SET holder = ?, expires_at = ?, renewed_at = ?,
                        acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END
                    WHERE name = ? AND (holder = ? OR expires_at <= ?)""")) {
                update.setString(1, holder);
                update.setObject(2, until);
                update.setObject(3, at);
                update.setString(4, holder);
                update.setObject(5, at);
                update.setString(6, name);
                update.setString(7, holder);
                update.setObject(8, at);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            // No row, or held by another. NOT EXISTS avoids a failing statement (and a server-side error log line)
            // on every follower's renewal; the primary key settles a race between two inserts.
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO leases (name, holder, expires_at, acquired_at, renewed_at)
                    SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM leases WHERE name = ?)""")) {
                insert.setString(1, name);
                insert.setString(2, holder);
                insert.setObject(3, until);
                insert.setObject(4, at);
                insert.setObject(5, at);
                insert.setString(6, name);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Gives the lease up, if {@code holder} still has it, so another instance can take it at once. */
    public boolean release(String name, String holder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
            delete.setString(1, name);
            delete.setString(2, holder);
            return delete.executeUpdate() == 1;
        }
    }

    public Optional<Lease> find(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT holder, expires_at, acquired_at, renewed_at FROM leases WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(name, rs.getString(1), Timestamps.instant(rs, 2),
                        Timestamps.instant(rs, 3), Timestamps.instant(rs, 4)));
            }
        }
    }

    // Microseconds: what PostgreSQL stores, so a value read back equals the one written on both databases.
    private static OffsetDateTime time(Instant instant) {
        return Timestamps.of(instant.truncatedTo(ChronoUnit.MICROS));
    }
}

package dev.dapple.incident;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where state changes go: the one small interface alert delivery builds on. {@link #record} writes on the caller's
 * connection, inside the transaction that makes the change, so a change is stored exactly when it happens.
 */
public interface StateChanges {

    /** A stored change, numbered in the order it was recorded. */
    record Recorded(long id, java.time.Instant recordedAt, StateChange change) {
    }

    /**
     * Stores {@code change} on {@code transaction} (not committed here).
     *
     * @return its id
     */
    long record(Connection transaction, StateChange change) throws SQLException;

    /**
     * The changes recorded after id {@code afterId}, oldest first, at most {@code limit}. Ids become visible in order
     * (a change with a higher id never commits before one with a lower id), so reading on from the last id seen
     * misses nothing.
     */
    List<Recorded> after(long afterId, int limit) throws SQLException;
}

package dev.dapple.incident;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hears every state change as it is recorded, on the recording transaction: what it writes commits or rolls back
 * with the change itself (alert delivery queues its messages here). A failure fails the change's transaction.
 */
public interface StateChangeListener {

    void recorded(Connection transaction, long id, StateChange change) throws SQLException;
}

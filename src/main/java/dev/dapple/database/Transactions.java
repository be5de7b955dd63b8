package dev.dapple.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One way to run work in a transaction of its own: committed when the work returns, rolled back when it throws, the
 * connection closed either way.
 */
public final class Transactions {

    /** Where connections come from: a data source, or a store handing out its own. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection transaction) throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(Connections connections, Work<T> work) throws SQLException {
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}

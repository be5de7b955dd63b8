package dev.dapple.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The plain JDBC the delivery tables need: statements with positional values, bound as objects. */
final class Jdbc {

    private Jdbc() {
    }

    /** Runs an update on {@code connection}; returns the rows it changed. */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** A statement with {@code values} bound in order; the caller closes it. */
    static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}

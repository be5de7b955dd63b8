package dev.dapple;

import dev.dapple.database.DatabaseUrl;
import io.micronaut.core.value.PropertyResolver;
import java.net.BindException;
import java.sql.SQLException;

/** Turns a failed start into one line a person can act on: what failed, where, and why. */
public final class StartupFailure {

    public static final int EXIT_CODE = 2;

    private StartupFailure() {
    }

    public static String describe(Throwable failure, PropertyResolver config) {
        String url = config == null ? "" : config.get("datasources.default.url", String.class).orElse("");
        if (find(failure, SQLException.class) != null) {
            return "cannot open the database at " + DatabaseUrl.redact(url) + ": " + rootMessage(failure);
        }
        if (find(failure, BindException.class) != null) {
            int port = config == null ? 0 : config.get("micronaut.server.port", Integer.class).orElse(0);
            return "cannot listen on port " + port + " (" + rootMessage(failure)
                    + "); set DAPPLE_PORT to use another port";
        }
        return "failed to start: " + rootMessage(failure);
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Drivers append multi-line detail; the first line is the one that explains.
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}

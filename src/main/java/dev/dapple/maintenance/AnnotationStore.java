package dev.dapple.maintenance;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code annotations} table in plain JDBC. */
@Singleton
public final class AnnotationStore {

    private final DataSource dataSource;

    public AnnotationStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public Annotation add(String text, Instant from, Instant to, List<String> journeys, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO annotations (text, from_at, to_at,"
                     + " journeys, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, text);
            insert.setObject(2, Timestamps.of(from));
            insert.setObject(3, Timestamps.of(to));
            insert.setString(4, MaintenanceStore.lines(journeys));
            insert.setObject(5, Timestamps.of(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Annotation(keys.getLong(1), text, from, to, journeys, now);
            }
        }
    }

    /** Annotations overlapping [from, to] that concern {@code journey} (null: any), oldest first. */
    public List<Annotation> find(@Nullable String journey, Instant from, Instant to) throws SQLException {
        var found = new ArrayList<Annotation>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, text, from_at, to_at, journeys, created_at"
                     + " FROM annotations WHERE to_at >= ? AND from_at <= ? ORDER BY from_at, id")) {
            query.setObject(1, Timestamps.of(from));
            query.setObject(2, Timestamps.of(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    var annotation = new Annotation(rows.getLong("id"), rows.getString("text"),
                            Timestamps.instant(rows, "from_at"), Timestamps.instant(rows, "to_at"),
                            MaintenanceStore.list(rows.getString("journeys")), Timestamps.instant(rows, "created_at"));
                    if (journey == null || annotation.concerns(journey)) {
                        found.add(annotation);
                    }
                }
            }
        }
        return found;
    }
}

package dev.dapple.maintenance;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The {@code maintenance_windows} table in plain JDBC. */
@Singleton
public final class MaintenanceStore {

    private static final String COLUMNS = "SELECT id, kind, source, name, reason, journeys, tags, zone, once_start,"
            + " once_end, weekly_days, weekly_start, weekly_seconds, created_by, created_at, deleted_at"
            + " FROM maintenance_windows";

    /** What deleting a window did. */
    public enum Deletion { DELETED, NOT_FOUND, FROM_FILE }

    private final DataSource dataSource;

    public MaintenanceStore(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public Window add(WindowDefinition definition, Window.Source source, String createdBy, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, definition, source, createdBy, now);
        }
    }

    /** Every window, deleted ones included, oldest first. */
    public List<Window> all() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, COLUMNS + " ORDER BY id");
        }
    }

    public Optional<Window> find(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, COLUMNS + " WHERE id = " + id).stream().findFirst();
        }
    }

    /** Soft-deletes an API window; a file window is changed by editing the file. */
    public Deletion delete(long id, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Window> window = read(connection, COLUMNS + " WHERE id = " + id).stream()
                    .filter(w -> !w.deleted()).findFirst();
            if (window.isEmpty()) {
                return Deletion.NOT_FOUND;
            }
            if (window.get().source() == Window.Source.FILE) {
                return Deletion.FROM_FILE;
            }
            softDelete(connection, id, now);
            return Deletion.DELETED;
        }
    }

    /**
     * Makes the file windows equal {@code definitions}, in one transaction: unchanged windows stay as they are; one
     * whose name, reason or the order of its selectors changed, but not when or whom it covers, is updated in place
     * (so past rollups are not derived again and a running drill goes on); removed or otherwise changed ones are
     * soft-deleted and new or changed ones added.
     *
     * @return one line per change, for the log; empty when the table already matched
     */
    public List<String> replaceFileWindows(List<WindowDefinition> definitions, Instant now) throws SQLException {
        var changes = new ArrayList<String>();
        inTransaction(dataSource::getConnection, connection -> {
            List<Window> current = read(connection,
                    COLUMNS + " WHERE source = 'file' AND deleted_at IS NULL ORDER BY id");
            List<WindowDefinition> wanted = new ArrayList<>(definitions);
            List<Window> unmatched = new ArrayList<>();
            for (Window window : current) {
                if (!wanted.remove(window.definition())) {
                    unmatched.add(window);
                }
            }
            for (Window window : unmatched) {
                Optional<WindowDefinition> relabelled = sameCoverage(window.definition(), wanted);
                if (relabelled.isPresent()) {
                    wanted.remove(relabelled.get());
                    relabel(connection, window.id(), relabelled.get());
                    changes.add("updated " + relabelled.get().kind().key() + " window " + relabelled.get().name()
                            + (relabelled.get().name().equals(window.definition().name()) ? ""
                                    : " (was " + window.definition().name() + ")"));
                } else {
                    softDelete(connection, window.id(), now);
                    changes.add("removed " + window.definition().kind().key() + " window "
                            + window.definition().name());
                }
            }
            for (WindowDefinition definition : wanted) {
                insert(connection, definition, Window.Source.FILE, null, now);
                changes.add("published " + definition.kind().key() + " window " + definition.name());
            }
            return null;
        });
        return changes;
    }

    /** A wanted window covering the same times and journeys as {@code stored}, one of the same name first. */
    private static Optional<WindowDefinition> sameCoverage(WindowDefinition stored, List<WindowDefinition> wanted) {
        List<WindowDefinition> candidates = wanted.stream().filter(w -> coversTheSame(stored, w)).toList();
        return candidates.stream().filter(w -> w.name().equals(stored.name())).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    private static boolean coversTheSame(WindowDefinition a, WindowDefinition b) {
        return a.kind() == b.kind() && a.schedule().equals(b.schedule())
                && Set.copyOf(a.journeys()).equals(Set.copyOf(b.journeys())) && Set.copyOf(a.tags()).equals(Set.copyOf(b.tags()));
    }

    private static void relabel(Connection connection, long id, WindowDefinition definition) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE maintenance_windows SET name = ?, reason = ?, journeys = ?, tags = ? WHERE id = ?")) {
            update.setString(1, definition.name());
            update.setString(2, definition.reason());
            update.setString(3, lines(definition.journeys()));
            update.setString(4, lines(definition.tags()));
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    private static void softDelete(Connection connection, long id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE maintenance_windows SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
            update.setObject(1, Timestamps.of(now));
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private static Window insert(Connection connection, WindowDefinition definition, Window.Source source,
                                 String createdBy, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO maintenance_windows (kind, source,"
                + " name, reason, journeys, tags, zone, once_start, once_end, weekly_days, weekly_start, weekly_seconds,"
                + " ends_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, definition.kind().key());
            insert.setString(2, source.key());
            insert.setString(3, definition.name());
            insert.setString(4, definition.reason());
            insert.setString(5, lines(definition.journeys()));
            insert.setString(6, lines(definition.tags()));
            insert.setString(7, definition.schedule().zone().getId());
            switch (definition.schedule()) {
                case Schedule.Once once -> {
                    insert.setString(8, once.start().toString());
                    insert.setString(9, once.end().toString());
                    insert.setNull(10, Types.VARCHAR);
                    insert.setNull(11, Types.VARCHAR);
                    insert.setNull(12, Types.BIGINT);
                }
                case Schedule.Weekly weekly -> {
                    insert.setNull(8, Types.VARCHAR);
                    insert.setNull(9, Types.VARCHAR);
                    insert.setString(10, weekly.days().stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(",")));
                    insert.setString(11, weekly.start().toString());
                    insert.setLong(12, weekly.duration().toSeconds());
                }
            }
            Instant lastEnd = definition.schedule().lastEnd();
            insert.setObject(13, lastEnd == null ? null : Timestamps.of(lastEnd), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setString(14, createdBy);
            insert.setObject(15, Timestamps.of(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Window(keys.getLong(1), source, definition, createdBy, now, null);
            }
        }
    }

    private static List<Window> read(Connection connection, String sql) throws SQLException {
        var windows = new ArrayList<Window>();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ZoneId zone = ZoneId.of(rows.getString("zone"));
                Schedule schedule = rows.getString("once_start") != null
                        ? new Schedule.Once(LocalDateTime.parse(rows.getString("once_start")),
                                LocalDateTime.parse(rows.getString("once_end")), zone)
                        : new Schedule.Weekly(Arrays.stream(rows.getString("weekly_days").split(","))
                                .map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                                LocalTime.parse(rows.getString("weekly_start")),
                                Duration.ofSeconds(rows.getLong("weekly_seconds")), zone);
                var definition = new WindowDefinition(rows.getString("name"),
                        WindowDefinition.Kind.valueOf(rows.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        rows.getString("reason"), list(rows.getString("journeys")), list(rows.getString("tags")), schedule);
                windows.add(new Window(rows.getLong("id"),
                        Window.Source.valueOf(rows.getString("source").toUpperCase(java.util.Locale.ROOT)), definition,
                        rows.getString("created_by"), Timestamps.instant(rows, "created_at"),
                        Timestamps.instant(rows, "deleted_at")));
            }
        }
        return windows;
    }

    static String lines(List<String> values) {
        return String.join("\n", values);
    }

    static List<String> list(String lines) {
        return lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }
}

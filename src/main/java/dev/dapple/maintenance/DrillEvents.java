package dev.dapple.maintenance;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import dev.dapple.journey.Journey;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records {@link StateChange.DrillStarted} and {@link StateChange.DrillEnded} once per drill occurrence: each in one
 * transaction with the drill's row, so a pass that fails, a second pass and another leader after a restart never
 * record one twice. A drill that started more than {@link #LOOKBACK} ago while no server led is not announced.
 */
@Singleton
public final class DrillEvents {

    static final Duration LOOKBACK = Duration.ofDays(1);

    private final MaintenanceStore windows;
    private final DrillStore drills;
    private final StateChanges changes;
    private final Catalog catalog;

    public DrillEvents(MaintenanceStore windows, DrillStore drills, StateChanges changes, Catalog catalog) {
        this.windows = windows;
        this.drills = drills;
        this.changes = changes;
        this.catalog = catalog;
    }

    /** One pass at {@code now}; returns how many changes it recorded. */
    public int pass(Instant now) throws SQLException {
        List<Window> all = windows.all();
        int recorded = 0;
        try (Connection connection = drills.connection()) {
            connection.setAutoCommit(false);
            try {
                for (Window window : all) {
                    if (window.definition().kind() == WindowDefinition.Kind.DRILL) {
                        recorded += start(connection, window, now);
                    }
                }
                Map<Long, Window> byId = all.stream().collect(Collectors.toMap(Window::id, Function.identity()));
                for (Drill drill : drills.open(connection)) {
                    recorded += end(connection, drill, byId.get(drill.windowId()), now);
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return recorded;
    }

    private int start(Connection connection, Window window, Instant now) throws SQLException {
        Instant since = later(window.createdAt(), now.minus(LOOKBACK));
        Instant until = window.deleted() && window.deletedAt().isBefore(now) ? window.deletedAt() : now;
        if (!since.isBefore(until)) {
            return 0;
        }
        int recorded = 0;
        for (Span span : window.definition().schedule().occurrences(since, until)) {
            if (drills.started(connection, window.id(), span.from())) {
                continue;
            }
            List<String> journeys = catalog.current().stream()
                    .filter(j -> window.definition().selects(j.name(), j.tags()))
                    .map(Journey::name).toList();
            long id = drills.start(connection, window.id(), window.definition().name(), span, journeys);
            changes.record(connection, new StateChange.DrillStarted(id, journeys, span.from()));
            connection.commit();
            recorded++;
        }
        return recorded;
    }

    /** @param window null once retention removed it */
    private int end(Connection connection, Drill drill, Window window, Instant now) throws SQLException {
        Instant end = drill.to();
        if (window != null && window.deleted() && window.deletedAt().isBefore(end)) {
            end = later(window.deletedAt(), drill.from());
        }
        if (end.isAfter(now)) {
            return 0;
        }
        drills.end(connection, drill.id(), end);
        changes.record(connection, new StateChange.DrillEnded(drill.id(), drill.journeys(), end));
        connection.commit();
        return 1;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package dev.dapple.maintenance;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MaintenanceCalendar} from the stored windows, answered from memory: a snapshot of the table read again
 * when it is older than {@link #MAX_AGE} (by whichever caller comes first) and at once after this server's own
 * writes. Every server reads the table, so windows another server added apply here within seconds. Thread-safe: the
 * snapshot is immutable and replaced whole.
 */
@Singleton
public final class StoredCalendar implements MaintenanceCalendar {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StoredCalendar.class);

    private record Snapshot(List<Window> windows, long readAtNanos) {
    }

    private final MaintenanceStore store;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    @Inject
    public StoredCalendar(MaintenanceStore store) {
        this(store, MAX_AGE);
    }

    StoredCalendar(MaintenanceStore store, Duration maxAge) {
        this.store = store;
        this.maxAge = maxAge;
    }

    /** Reads the table now; called after this server changed it. */
    public synchronized void refresh() throws SQLException {
        snapshot = new Snapshot(List.copyOf(store.all()), System.nanoTime());
    }

    /** Every stored window, deleted ones included, as last read (read again when older than the maximum age). */
    List<Window> windows() {
        Snapshot current = snapshot;
        if (current == null || System.nanoTime() - current.readAtNanos() > maxAge.toNanos()) {
            synchronized (this) {
                if (snapshot == current) {
                    try {
                        refresh();
                    } catch (SQLException e) {
                        if (current == null) {
                            throw new IllegalStateException("cannot read maintenance windows: " + e.getMessage(), e);
                        }
                        // Keep answering from the last snapshot, and try again at the next call.
                        LOG.warn("Maintenance: cannot read windows, using those read before: {}", e.getMessage());
                    }
                }
            }
        }
        return snapshot.windows();
    }

    @Override
    public Mode modeAt(String journey, Collection<String> tags, Instant at) {
        Mode mode = Mode.NONE;
        for (Window window : windows()) {
            WindowDefinition definition = window.definition();
            if (window.deleted() || !definition.selects(journey, tags) || !definition.schedule().covers(at)) {
                continue;
            }
            if (definition.kind() == WindowDefinition.Kind.MAINTENANCE) {
                return Mode.MAINTENANCE;
            }
            mode = Mode.DRILL;
        }
        return mode;
    }

    @Override
    public List<Changed> changedSince(Instant since, Instant notBefore, Instant now) {
        var changed = new ArrayList<Changed>();
        for (Window window : windows()) {
            boolean added = window.createdAt().isAfter(since);
            boolean removed = window.deleted() && window.deletedAt().isAfter(since);
            if (!added && !removed) {
                continue;
            }
            for (Span span : window.definition().schedule().occurrences(notBefore, now)) {
                Span clipped = span.clip(notBefore, now);
                if (clipped != null) {
                    changed.add(new Changed(clipped.from(), clipped.to()));
                }
            }
        }
        // A window added and removed since is one change, not two.
        return changed.stream().distinct()
                .sorted(Comparator.comparing(Changed::from).thenComparing(Changed::to)).toList();
    }
}

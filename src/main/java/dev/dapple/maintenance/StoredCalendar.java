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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MaintenanceCalendar} from the stored windows, answered from memory: a snapshot of the table read again
 * when it is older than {@link #MAX_AGE} and at once after this server's own writes. Every server reads the table, so
 * windows another server added apply here within seconds. Callers (once per run) only read the volatile, immutable
 * snapshot; when it is old, the first caller to get the read lock reads the table while the others go on with the
 * old snapshot. A failed read keeps the old snapshot until the next attempt, one maximum age later, so a database
 * outage costs one timeout per interval, not one per run, and is logged once.
 */
@Singleton
public final class StoredCalendar implements MaintenanceCalendar {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StoredCalendar.class);

    /**
     * @param windows null until a read succeeded
     * @param failure the last read's error, null when it succeeded
     */
    private record Snapshot(List<Window> windows, long readAtNanos, String failure) {
    }

    private final MaintenanceStore store;
    private final Duration maxAge;
    private final LongSupplier nanoTime;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Snapshot snapshot;

    @Inject
    public StoredCalendar(MaintenanceStore store) {
        this(store, MAX_AGE);
    }

    StoredCalendar(MaintenanceStore store, Duration maxAge) {
        this(store, maxAge, System::nanoTime);
    }

    /** @param nanoTime the monotonic time the age is measured with (tests advance their own) */
    StoredCalendar(MaintenanceStore store, Duration maxAge, LongSupplier nanoTime) {
        this.store = store;
        this.maxAge = maxAge;
        this.nanoTime = nanoTime;
    }

    /** Reads the table now; called after this server changed it. */
    public void refresh() throws SQLException {
        reading.lock();
        try {
            snapshot = new Snapshot(List.copyOf(store.all()), nanoTime.getAsLong(), null);
        } finally {
            reading.unlock();
        }
    }

    /** Every stored window, deleted ones included, as last read (read again when older than the maximum age). */
    List<Window> windows() {
        Snapshot current = snapshot;
        if (current == null || nanoTime.getAsLong() - current.readAtNanos() > maxAge.toNanos()) {
            // Without any windows yet a caller must wait for the read; with some it need not.
            if (current == null || current.windows() == null) {
                reading.lock();
            } else if (!reading.tryLock()) {
                return current.windows();
            }
            try {
                if (snapshot == current) {
                    readAgain(current);
                }
            } finally {
                reading.unlock();
            }
            current = snapshot;
        }
        if (current.windows() == null) {
            throw new IllegalStateException("cannot read maintenance windows: " + current.failure());
        }
        return current.windows();
    }

    private void readAgain(Snapshot current) {
        try {
            snapshot = new Snapshot(List.copyOf(store.all()), nanoTime.getAsLong(), null);
            if (current != null && current.failure() != null) {
                LOG.info("Maintenance: windows read again");
            }
        } catch (SQLException e) {
            if (current == null || current.failure() == null) {
                LOG.warn("Maintenance: cannot read windows, using those read before (if any) and trying again every {}s: {}",
                        maxAge.toSeconds(), e.getMessage());
            }
            snapshot = new Snapshot(current == null ? null : current.windows(), nanoTime.getAsLong(), e.getMessage());
        }
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

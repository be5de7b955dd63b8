package dev.dapple.rollup;

import dev.dapple.maintenance.MaintenanceCalendar;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the hours to derive again because maintenance windows covering them were added or removed after they were
 * derived, and keeps the progress of that in {@code rollup_progress}. Whole hours, from raw runs: an hour is merged
 * from its minutes, and minutes older than their retention are gone, so re-deriving only a window's minutes would
 * drop the rest of its hour. Only hours whose raw runs are all still kept.
 */
final class MaintenanceChanges {

    static final int HOURS_PER_PASS = 6;
    /** Changes made before this position are applied to the rollups. */
    static final String SINCE = "maintenance";
    /** While a batch of changes is re-derived over several passes: where it started looking (the next position) ... */
    static final String BATCH = "maintenance-batch";
    /** ... and the planned time up to which its hours are re-derived. */
    static final String CURSOR = "maintenance-cursor";

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceChanges.class);

    /** Derives these hours again from raw runs (their minutes up to {@code minutesUntil}), then their hours and days. */
    interface Rederive {
        void hours(List<Instant> hours, Instant minutesUntil) throws SQLException;
    }

    /** What a pass did: hours re-derived, and whether some are left for the next pass. */
    record Work(int hours, boolean left) {
    }

    private final RollupStore store;
    private final MaintenanceCalendar calendar;
    private final Duration rawRetention;

    MaintenanceChanges(RollupStore store, MaintenanceCalendar calendar, Duration rawRetention) {
        this.store = store;
        this.calendar = calendar;
        this.rawRetention = rawRetention;
    }

    /**
     * Re-derives at most {@link #HOURS_PER_PASS} hours of the changes since the last check. A batch keeps where it
     * started looking and how far it got, so changes made while it runs are picked up by the next batch.
     *
     * @param checkFrom changes made after this are looked at again next time (an API write may commit late)
     */
    Work pass(Instant now, Instant checkFrom, Rederive rederive) throws SQLException {
        Instant since;
        Instant batch;
        Instant cursor;
        Instant minutes;
        try (Connection connection = store.connection()) {
            Optional<Instant> checked = store.position(connection, SINCE, false);
            Optional<Instant> derived = store.position(connection, BucketSize.MINUTE.plural(), false);
            if (checked.isEmpty() || derived.isEmpty()) {
                store.setPosition(connection, SINCE, checkFrom); // what is derived from now on sees the calendar
                return new Work(0, false);
            }
            since = checked.get();
            minutes = derived.get();
            batch = store.position(connection, BATCH, false).orElse(checkFrom);
            cursor = store.position(connection, CURSOR, false).orElse(Instant.EPOCH);
        }
        Instant rawKeptFrom = now.minus(rawRetention);
        SortedSet<Instant> hours = hours(calendar.changedSince(since, rawKeptFrom, now), rawKeptFrom, minutes, cursor);
        List<Instant> hoursNow = hours.stream().limit(HOURS_PER_PASS).toList();
        rederive.hours(hoursNow, minutes);
        boolean left = hours.size() > hoursNow.size();
        try (Connection connection = store.connection()) {
            if (left) {
                store.setPosition(connection, BATCH, batch);
                store.setPosition(connection, CURSOR, hoursNow.getLast().plus(BucketSize.HOUR.duration()));
            } else {
                store.setPosition(connection, SINCE, batch);
                store.clearPosition(connection, BATCH);
                store.clearPosition(connection, CURSOR);
            }
        }
        if (!hoursNow.isEmpty()) {
            LOG.info("Rollups: maintenance windows changed: re-derived {} hour(s) from {}{}", hoursNow.size(),
                    hoursNow.getFirst(), left ? ", more to come" : "");
        }
        return new Work(hoursNow.size(), left);
    }

    /**
     * @param rawKeptFrom  the oldest planned time whose raw runs are kept: only hours wholly after it
     * @param derivedUntil where minute derivation stands: later minutes will be derived with the new calendar anyway
     * @param cursor       hours before it were re-derived already in this batch
     */
    static SortedSet<Instant> hours(Collection<MaintenanceCalendar.Changed> changes, Instant rawKeptFrom,
                                    Instant derivedUntil, Instant cursor) {
        Instant first = BucketSize.HOUR.ceil(rawKeptFrom.isAfter(cursor) ? rawKeptFrom : cursor);
        SortedSet<Instant> hours = new TreeSet<>();
        for (MaintenanceCalendar.Changed change : changes) {
            Instant hour = BucketSize.HOUR.floor(change.from());
            hour = hour.isBefore(first) ? first : hour;
            for (; hour.isBefore(change.to()) && hour.isBefore(derivedUntil); hour = hour.plus(BucketSize.HOUR.duration())) {
                hours.add(hour);
            }
        }
        return hours;
    }
}

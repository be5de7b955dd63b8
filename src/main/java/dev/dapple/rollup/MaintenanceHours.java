package dev.dapple.rollup;

import dev.dapple.maintenance.MaintenanceCalendar;
import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The hours to derive again for maintenance windows added or removed after their rollups were derived. Whole hours,
 * from raw runs: an hour is merged from its minutes, and minutes older than their retention are gone, so re-deriving
 * only a window's minutes would drop the rest of its hour.
 */
final class MaintenanceHours {

    private MaintenanceHours() {
    }

    /**
     * @param rawKeptFrom  the oldest planned time whose raw runs are kept: only hours wholly after it
     * @param derivedUntil where minute derivation stands: later minutes will be derived with the new calendar anyway
     * @param cursor       hours before it were re-derived already in this batch
     */
    static SortedSet<Instant> of(Collection<MaintenanceCalendar.Changed> changes, Instant rawKeptFrom,
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

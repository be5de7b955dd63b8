package dev.dapple.maintenance;

import java.time.Instant;

/**
 * A stored window: its definition, where it came from, and when it was added and (soft) deleted; a deleted window
 * no longer applies but is kept so {@link MaintenanceCalendar#changedSince} can report what it covered.
 *
 * @param createdBy who posted it, may be null
 * @param deletedAt null while it applies
 */
public record Window(long id, Source source, WindowDefinition definition, String createdBy, Instant createdAt,
                     Instant deletedAt) {

    public enum Source {
        /** From journeys/maintenance.yaml: changed by editing the file. */
        FILE,
        /** Posted to /api/maintenance. */
        API;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}

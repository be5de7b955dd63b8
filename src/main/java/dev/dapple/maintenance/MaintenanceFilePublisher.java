package dev.dapple.maintenance;

import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyLoader;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the journeys folder's {@code maintenance.yaml} into the windows table (source file), called by the
 * catalog publisher on the leader with each scan. A valid file replaces the previous file windows; an invalid one
 * changes nothing, so the last valid schedule stays in force, and its errors join the catalog's; no file means no
 * file windows.
 */
@Singleton
public final class MaintenanceFilePublisher {

    /** @param changes one line per window published or removed; {@code errors} the file's, if invalid */
    public record Published(List<String> changes, List<JourneyError> errors) {
    }

    private final MaintenanceStore store;
    private final StoredCalendar calendar;

    public MaintenanceFilePublisher(MaintenanceStore store, StoredCalendar calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    public Published publish(Path journeysDir, Instant now) throws SQLException {
        Path file = journeysDir.resolve(JourneyLoader.MAINTENANCE_FILE);
        List<WindowDefinition> windows;
        if (!Files.exists(file)) {
            windows = List.of();
        } else {
            switch (MaintenanceFiles.read(file)) {
                case MaintenanceFileParser.Invalid(List<JourneyError> errors) -> {
                    return new Published(List.of(), errors);
                }
                case MaintenanceFileParser.Valid(List<WindowDefinition> valid) -> windows = valid;
            }
        }
        List<String> changes = store.replaceFileWindows(windows, now).stream()
                .map(change -> file + ": " + change).toList();
        if (!changes.isEmpty()) {
            calendar.refresh();
        }
        return new Published(changes, List.of());
    }
}

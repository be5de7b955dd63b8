package dev.dapple.maintenance;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Placeholder until maintenance windows are stored: nothing is ever in maintenance. */
@Singleton
@Secondary
final class NoMaintenance implements MaintenanceCalendar {

    @Override
    public Mode modeAt(String journey, Collection<String> tags, Instant at) {
        return Mode.NONE;
    }

    @Override
    public List<Changed> changedSince(Instant since, Instant notBefore, Instant now) {
        return List.of();
    }
}

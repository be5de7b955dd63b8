package dev.dapple.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A maintenance calendar held in memory, so tests set windows and when they were added directly; it follows
 * {@link MaintenanceCalendar}'s contract: maintenance wins over a drill, and windows added after {@code since} are
 * reported, clipped, by {@link #changedSince}.
 */
public final class TestCalendar implements MaintenanceCalendar {

    record Window(String journey, Instant from, Instant to, Mode mode, Instant addedAt) {
    }

    private final List<Window> windows = new CopyOnWriteArrayList<>();

    /** A window of {@code journey} in [from, to), added at {@code addedAt}; none at all means no maintenance. */
    public void add(String journey, Instant from, Instant to, Mode mode, Instant addedAt) {
        windows.add(new Window(journey, from, to, mode, addedAt));
    }

    @Override
    public Mode modeAt(String journey, Collection<String> tags, Instant at) {
        Mode mode = Mode.NONE;
        for (Window window : windows) {
            if (window.journey().equals(journey) && !at.isBefore(window.from()) && at.isBefore(window.to())) {
                mode = window.mode() == Mode.MAINTENANCE ? Mode.MAINTENANCE : mode == Mode.NONE ? window.mode() : mode;
            }
        }
        return mode;
    }

    @Override
    public List<Changed> changedSince(Instant since, Instant notBefore, Instant now) {
        List<Changed> changed = new ArrayList<>();
        for (Window window : windows) {
            Instant from = window.from().isBefore(notBefore) ? notBefore : window.from();
            Instant to = window.to().isAfter(now) ? now : window.to();
            if (window.addedAt().isAfter(since) && from.isBefore(to)) {
                changed.add(new Changed(from, to));
            }
        }
        return changed;
    }
}

package dev.dapple.maintenance;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Which journeys are in a maintenance window or a drill, and when. Asked once per run by rollup derivation and the
 * incident evaluator, so an implementation answers from memory.
 */
public interface MaintenanceCalendar {

    enum Mode {
        /** Normal operation. */
        NONE,
        /** Runs are excluded from SLOs and raise no alerts. */
        MAINTENANCE,
        /** A failover rehearsal: runs count, alerts go only to channels marked for drills. */
        DRILL
    }

    /** A span of time whose rollups must be derived again because windows covering it were added or removed. */
    record Changed(Instant from, Instant to) {
    }

    /** The mode of {@code journey} (with these tags) at {@code at}; maintenance wins over a drill. */
    Mode modeAt(String journey, Collection<String> tags, Instant at);

    /**
     * The spans covered by windows added or removed after {@code since}, clipped to [{@code notBefore}, {@code now}),
     * so rollups derived before the change can be derived again. Weekly windows give one span per occurrence.
     */
    List<Changed> changedSince(Instant since, Instant notBefore, Instant now);
}

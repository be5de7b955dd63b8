package dev.dapple.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What an {@link IncidentTracker} decided: an incident opened or resolved. */
public sealed interface TrackerEvent {

    /** The incident as opened: its figures may still grow while it is open. */
    record Opened(Instant startedAt, List<String> locations, List<StateChange.FailingStep> steps, int badRuns,
                  boolean drill) implements TrackerEvent {
        public Opened {
            locations = List.copyOf(locations);
            steps = List.copyOf(steps);
        }
    }

    /** The incident as it ended: the final figures. */
    record Resolved(Instant startedAt, Instant endedAt, List<String> locations, List<StateChange.FailingStep> steps,
                    int badRuns, boolean drill, boolean recoveryBreached) implements TrackerEvent {
        public Resolved {
            locations = List.copyOf(locations);
            steps = List.copyOf(steps);
        }

        public Duration duration() {
            return Duration.between(startedAt, endedAt);
        }
    }
}

package dev.dapple.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link IncidentTracker} remembers between passes, stored as JSON in {@code incident_trackers}.
 *
 * @param locations   by name
 * @param open        the open incident, if any
 * @param evaluatedTo the latest time silence was judged at: a pass with an older horizon does not judge it again
 * @param lastEnded   the end of the last resolved incident: the next one never starts before it
 */
@Serdeable
public record TrackerState(Map<String, LocationState> locations, @Nullable OpenIncident open,
                           @Nullable Instant evaluatedTo, @Nullable Instant lastEnded) {

    public TrackerState {
        locations = locations == null ? new TreeMap<>() : new TreeMap<>(locations); // empty ones are omitted in JSON
    }

    public static TrackerState empty() {
        return new TrackerState(Map.of(), null, null, null);
    }

    /**
     * One location's streak: either non-good runs ({@code badRuns} from {@code badSince}, with the failing steps they
     * had) or good runs ({@code goodRuns} from {@code goodSince}).
     *
     * @param lastPlanned the latest planned time processed: a run planned no later is late (or seen) and ignored
     * @param lastValid   the latest planned time of a valid run (not ERROR, not in maintenance): silence is from it
     * @param priorBadRuns of {@code badRuns}, those the last incident already had or that were planned before its
     *                    end (a streak it left behind): they still make the location fail, but the next incident
     *                    does not count them
     */
    @Serdeable
    public record LocationState(Instant lastPlanned, @Nullable Instant lastValid, int badRuns,
                                @Nullable Instant badSince, List<StateChange.FailingStep> badSteps, int goodRuns,
                                @Nullable Instant goodSince, int priorBadRuns) {
        public LocationState {
            badSteps = badSteps == null ? List.of() : List.copyOf(badSteps);
        }
    }

    /**
     * @param failing  the locations that failed (reached {@code after}) during it, sorted
     * @param steps    failing steps with their first error, in the order they first failed
     * @param badRuns  its non-good valid runs so far, all locations
     */
    @Serdeable
    public record OpenIncident(Instant startedAt, List<String> failing, List<StateChange.FailingStep> steps,
                               int badRuns, boolean drill, boolean noData) {
        public OpenIncident {
            failing = failing == null ? List.of() : List.copyOf(failing);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }
}

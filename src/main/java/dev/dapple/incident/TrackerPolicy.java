package dev.dapple.incident;

import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import java.time.Duration;
import java.util.Optional;

/**
 * What an {@link IncidentTracker} needs of a journey.
 *
 * @param after        consecutive non-good runs before a location counts as failing
 * @param locations    failing locations needed to open an incident
 * @param recoverAfter consecutive good runs before a failing location counts as recovered
 * @param degraded     whether DEGRADED is good or bad
 * @param silence      a location without a valid run for longer than this is silent
 * @param recovery     the recovery objective; an incident lasting longer breaches it
 */
public record TrackerPolicy(int after, int locations, int recoverAfter, Slo.Degraded degraded, Duration silence,
                            Optional<Duration> recovery) {

    /** The shortest silence: a journey run every few seconds is not silent after one slow result. */
    static final Duration MIN_SILENCE = Duration.ofMinutes(2);

    public TrackerPolicy {
        if (after < 1 || locations < 1 || recoverAfter < 1) {
            throw new IllegalArgumentException("after, locations and recover_after must be at least 1");
        }
    }

    /** Silence is max(3 × interval, 2 min): three missing runs, but never less than two minutes. */
    public static TrackerPolicy of(Journey journey) {
        Duration silence = journey.interval().multipliedBy(3);
        return new TrackerPolicy(journey.alert().after(), journey.alert().locations(), journey.alert().recoverAfter(),
                journey.slo().map(Slo::degraded).orElse(Slo.Degraded.GOOD),
                silence.compareTo(MIN_SILENCE) < 0 ? MIN_SILENCE : silence,
                journey.slo().flatMap(Slo::recovery));
    }
}

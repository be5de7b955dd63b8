package dev.dapple.slo;

import dev.dapple.journey.Slo;
import dev.dapple.result.Outcome;
import java.time.Duration;
import java.util.Objects;

/** Which runs count, and how, for each kind of objective; the one place that decides it. */
public final class RunClassifier {

    private RunClassifier() {
    }

    /**
     * Availability: UP is good, DOWN bad, DEGRADED good unless the journey says {@code degraded: bad} (a non-critical
     * step failed, so whether the user was served is the journey's call). ERROR is the probe's own failure and says
     * nothing about the target, so it is not valid.
     */
    public static RunEvent availability(Outcome outcome, Slo.Degraded degraded) {
        Objects.requireNonNull(degraded, "degraded");
        return switch (outcome) {
            case UP -> RunEvent.GOOD;
            case DEGRADED -> degraded == Slo.Degraded.GOOD ? RunEvent.GOOD : RunEvent.BAD;
            case DOWN -> RunEvent.BAD;
            case ERROR -> RunEvent.NOT_VALID;
        };
    }

    /**
     * Latency: a completed run (UP or DEGRADED) is good when it took less than {@code below}, bad otherwise (exactly
     * {@code below} is bad: the objective says "less than"). A DOWN run did not complete, so its duration measures how
     * fast it failed; it counts against availability only. ERROR is never valid.
     *
     * @param duration the run's duration; required for completed runs, ignored (may be null) for the others
     */
    public static RunEvent latency(Outcome outcome, Duration duration, Slo.Latency objective) {
        Objects.requireNonNull(objective, "objective");
        return switch (outcome) {
            case UP, DEGRADED -> Objects.requireNonNull(duration, "a completed run's duration")
                    .compareTo(objective.below()) < 0 ? RunEvent.GOOD : RunEvent.BAD;
            case DOWN, ERROR -> RunEvent.NOT_VALID;
        };
    }
}

package dev.dapple.slo;

import dev.dapple.journey.AlertPolicy;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one run counts as for each objective of its journey: the single place rollup derivation and queries of the
 * not-yet-derived edges both classify with, so the two always agree.
 */
public final class ObjectiveEvents {

    private ObjectiveEvents() {
    }

    /**
     * The run's valid events by objective (objectives it is not valid for are left out). Nothing counts for an ERROR
     * run, a run planned outside the journey's business hours or one planned in a maintenance window (a drill
     * counts). Availability and each step's availability always count; latency when the journey has
     * {@code slo.latency}; a step's latency when {@code slo.steps} names it, for its executions that got a response.
     *
     * @param journey the journey as currently published; null when it is not (any more): availability with the
     *                defaults then
     * @param mode    the journey's maintenance mode at the run's planned time
     */
    public static Map<Objective, RunEvent> of(@Nullable Journey journey, RunResult run, MaintenanceCalendar.Mode mode) {
        Optional<Slo> slo = journey == null ? Optional.empty() : journey.slo();
        if (run.outcome() == Outcome.ERROR || mode == MaintenanceCalendar.Mode.MAINTENANCE
                || slo.flatMap(Slo::hours).map(hours -> !hours.contains(run.plannedAt())).orElse(false)) {
            return Map.of();
        }
        Map<Objective, RunEvent> events = new LinkedHashMap<>();
        Slo.Degraded degraded = slo.map(Slo::degraded).orElse(Slo.Degraded.GOOD);
        events.put(Objective.AVAILABILITY, RunClassifier.availability(run.outcome(), degraded));
        slo.flatMap(Slo::latency).ifPresent(latency -> put(events, Objective.LATENCY,
                run.durationUs() == null ? RunEvent.NOT_VALID
                        : RunClassifier.latency(run.outcome(), micros(run.durationUs()), latency)));
        Map<String, Slo.Latency> stepLatency = slo.map(Slo::steps).orElse(Map.of());
        for (StepResult step : run.steps()) {
            put(events, new Objective.StepAvailability(step.name()), switch (step.outcome()) {
                case PASSED -> RunEvent.GOOD;
                case FAILED -> RunEvent.BAD;
                case SKIPPED -> RunEvent.NOT_VALID;
            });
            Slo.Latency objective = stepLatency.get(step.name());
            if (objective != null && step.outcome() != StepOutcome.SKIPPED && step.httpStatus() != null
                    && step.durationUs() != null) {
                put(events, new Objective.StepLatency(step.name()),
                        micros(step.durationUs()).compareTo(objective.below()) < 0 ? RunEvent.GOOD : RunEvent.BAD);
            }
        }
        return Collections.unmodifiableMap(events);
    }

    /** How many locations must be bad at one planned time for the time slice to be bad. */
    public static int badLocationsForTimeslice(@Nullable Journey journey) {
        return (journey == null ? AlertPolicy.DEFAULT : journey.alert()).locations();
    }

    private static void put(Map<Objective, RunEvent> events, Objective objective, RunEvent event) {
        if (event != RunEvent.NOT_VALID) {
            events.put(objective, event);
        }
    }

    private static Duration micros(long us) {
        return Duration.ofNanos(us * 1_000);
    }
}

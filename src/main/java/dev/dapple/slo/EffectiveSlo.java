package dev.dapple.slo;

import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.journey.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A journey's SLO with the server's defaults filled in: the objectives it is measured against, its window, how it
 * budgets and how many runs its burn-rate alerts need. ({@code degraded} and {@code hours} decide which runs count,
 * so they live in {@link SloCounts}.)
 *
 * @param objectives availability first (always: a journey without a target gets {@code dapple.slo.availability}), then
 *                   the whole-run latency and the per-step latency objectives it states
 * @param steps      the journey's steps, for process availability
 */
public record EffectiveSlo(List<Target> objectives, Slo.Window window, ZoneId zone, Slo.Budgeting budgeting,
                           int minRuns, List<String> steps) {

    /**
     * One objective and what it must reach.
     *
     * @param below a latency objective's threshold; empty for availability
     */
    public record Target(Objective objective, SloTarget target, Optional<Duration> below) {
    }

    public EffectiveSlo {
        objectives = List.copyOf(objectives);
        steps = List.copyOf(steps);
    }

    /** A journey's block overrides the defaults key by key; without a block the defaults apply whole. */
    public static EffectiveSlo of(Journey journey, SloConfiguration defaults) {
        List<String> steps = journey.steps().stream().map(Step::name).toList();
        if (journey.slo().isEmpty()) {
            return new EffectiveSlo(List.of(new Target(Objective.AVAILABILITY, defaults.availability(), Optional.empty())),
                    new Slo.Window.Rolling(defaults.window()), ZoneOffset.UTC, Slo.Budgeting.OCCURRENCES,
                    defaults.minRuns(), steps);
        }
        Slo slo = journey.slo().get();
        List<Target> targets = new ArrayList<>();
        targets.add(new Target(Objective.AVAILABILITY,
                slo.availability().map(SloTarget::new).orElse(defaults.availability()), Optional.empty()));
        slo.latency().ifPresent(l -> targets.add(latency(Objective.LATENCY, l)));
        slo.steps().forEach((step, l) -> targets.add(latency(new Objective.StepLatency(step), l)));
        return new EffectiveSlo(targets, slo.window(), SloWindow.zoneOf(slo), slo.budgeting(),
                slo.minRuns().orElse(defaults.minRuns()), steps);
    }

    private static Target latency(Objective objective, Slo.Latency latency) {
        return new Target(objective, new SloTarget(latency.target()), Optional.of(latency.below()));
    }

    public SloWindow windowAt(Instant now) {
        return SloWindow.at(window, zone, now);
    }
}

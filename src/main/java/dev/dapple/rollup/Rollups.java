package dev.dapple.rollup;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tallies of one bucket (or one query) for every table, by key (the key columns' values in order). */
final class Rollups {

    private final Map<RollupTable, Map<List<String>, Tally>> tallies = new EnumMap<>(RollupTable.class);
    private int runs;

    Tally tally(RollupTable table, List<String> key) {
        return tallies.computeIfAbsent(table, t -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new Tally(table.counters().size(), table.histogram()));
    }

    Map<List<String>, Tally> of(RollupTable table) {
        return tallies.getOrDefault(table, Map.of());
    }

    /** How many raw runs were added. */
    int runs() {
        return runs;
    }

    /**
     * What one raw run contributes. Journey durations count only runs that completed (UP, DEGRADED): a DOWN run's
     * time says when it failed, not how fast the journey is. Step durations count steps that got a response.
     */
    void add(RunResult run) {
        runs++;
        Tally journey = tally(RollupTable.JOURNEY, List.of(run.journey(), run.location()));
        journey.increment(RollupTable.JOURNEY.counter(run.outcome().name()));
        if ((run.outcome() == Outcome.UP || run.outcome() == Outcome.DEGRADED) && run.durationUs() != null) {
            journey.record(run.durationUs());
        }
        for (StepResult step : run.steps()) {
            Tally tally = tally(RollupTable.STEP, List.of(run.journey(), step.name(), run.location()));
            tally.increment(RollupTable.STEP.counter(step.outcome().name()));
            if (step.httpStatus() != null && step.durationUs() != null) {
                tally.record(step.durationUs());
            }
        }
        Tally lateness = tally(RollupTable.LATENESS, List.of(run.location()));
        if (run.startedAt() != null) {
            Duration late = Duration.between(run.plannedAt(), run.startedAt());
            lateness.record(late.toNanos() / 1_000);
        }
        if (run.errorKind() == ErrorKind.MISSED) {
            lateness.increment(RollupTable.LATENESS.counter("missed"));
        }
    }
}

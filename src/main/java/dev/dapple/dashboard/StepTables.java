package dev.dapple.dashboard;

import dev.dapple.dashboard.JourneyPage.Funnel;
import dev.dapple.dashboard.JourneyPage.FunnelStep;
import dev.dapple.dashboard.JourneyPage.StepRow;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunQuery;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.rollup.LatencyQuery;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The journey page's step table and funnel over a window: counts and percentiles from {@link LatencyQuery#steps}
 * (merged histograms, per step, all locations and each location, in one read), the most common error from the window's newest failed
 * runs (errors are not rolled up; reading a bounded number of runs keeps the page fast on a long window).
 */
@Singleton
final class StepTables {

    static final String ALL = "all locations";
    /** Failed runs read per outcome (DOWN, DEGRADED) to find each step's most common error. */
    static final int ERROR_RUNS = 200;

    private final LatencyQuery latency;
    private final RunReader runs;

    StepTables(LatencyQuery latency, RunReader runs) {
        this.latency = latency;
        this.runs = runs;
    }

    /** The step table and the funnel. */
    record Tables(List<StepRow> rows, Funnel funnel) {
    }

    Tables tables(Journey journey, List<String> locations, Instant from, Instant to, Instant now)
            throws SQLException {
        Map<List<String>, Map<String, Integer>> errors = errors(journey.name(), from, to);
        List<StepRow> rows = new ArrayList<>();
        List<FunnelStep> funnel = new ArrayList<>();
        LatencyQuery.StepLatencies steps = latency.steps(journey.name(), from, to, now);
        for (Step step : journey.steps()) {
            LatencyQuery.Latency all = steps.of(step.name(), null);
            rows.add(row(step.name(), ALL, all, errors));
            funnel.add(new FunnelStep(step.name(), all.counts().get("passed"), all.counts().get("failed"),
                    all.counts().get("skipped")));
            if (locations.size() > 1) {
                for (String location : locations) {
                    rows.add(row(step.name(), location, steps.of(step.name(), location), errors));
                }
            }
        }
        Map<String, Long> outcomes = latency.query(journey.name(), null, null, from, to, now).counts();
        long ran = outcomes.get("up") + outcomes.get("degraded") + outcomes.get("down");
        return new Tables(rows, funnel(ran, funnel));
    }

    static Funnel funnel(long runs, List<FunnelStep> steps) {
        String breaksAt = steps.stream().filter(s -> s.failed() > 0)
                .max(Comparator.comparingLong(FunnelStep::failed)).map(FunnelStep::step).orElse(null);
        return new Funnel(runs, steps, breaksAt);
    }

    private static StepRow row(String step, String location, LatencyQuery.Latency found,
                               Map<List<String>, Map<String, Integer>> errors) {
        long passed = found.counts().get("passed");
        long failed = found.counts().get("failed");
        LatencyQuery.Percentiles p = found.percentiles();
        return new StepRow(step, location, passed + failed, ms(p.p50()), ms(p.p95()), ms(p.p99()), ms(p.max()),
                passed + failed == 0 ? null : (double) failed / (passed + failed),
                mostCommon(errors.get(List.of(step, location))));
    }

    /** Error texts by (step, location) and (step, all locations), counted over the window's newest failed runs. */
    private Map<List<String>, Map<String, Integer>> errors(String journey, Instant from, Instant to)
            throws SQLException {
        Map<List<String>, Map<String, Integer>> errors = new HashMap<>();
        for (Outcome outcome : List.of(Outcome.DOWN, Outcome.DEGRADED)) {
            for (RunResult run : runs.page(new RunQuery(journey, null, outcome, from, to, ERROR_RUNS, null)).runs()) {
                for (StepResult step : run.steps()) {
                    if (step.outcome() != StepOutcome.FAILED) {
                        continue;
                    }
                    String text = step.error() != null ? step.error()
                            : step.errorKind() != null ? step.errorKind().code() : "failed";
                    for (String location : List.of(run.location(), ALL)) {
                        errors.computeIfAbsent(List.of(step.name(), location), k -> new HashMap<>())
                                .merge(text, 1, Integer::sum);
                    }
                }
            }
        }
        return errors;
    }

    static @Nullable String mostCommon(@Nullable Map<String, Integer> errors) {
        if (errors == null || errors.isEmpty()) {
            return null;
        }
        Map.Entry<String, Integer> top = errors.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        Comparator.reverseOrder()))).orElseThrow();
        return top.getKey() + " (" + top.getValue() + "×)";
    }

    private static @Nullable Double ms(@Nullable Long micros) {
        return micros == null ? null : micros / 1_000.0;
    }
}

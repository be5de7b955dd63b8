package dev.dapple.rollup;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Results as probes report them, for the rollup tests: three steps, login, search and pay. */
final class TestResults {

    static final List<String> STEPS = List.of("login", "search", "pay");

    private TestResults() {
    }

    /**
     * A run that started {@code lateUs} after it was planned. UP: every step passed; DEGRADED: pay failed with a
     * response (non-critical); DOWN: search failed without a response (timeout) and pay was skipped.
     */
    static RunResult run(String journey, String location, Instant planned, Outcome outcome, long lateUs,
                         long... stepUs) {
        List<StepResult> steps = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < STEPS.size(); i++) {
            total += stepUs[i];
            steps.add(switch (outcome) {
                case UP -> step(i, StepOutcome.PASSED, stepUs[i], 200);
                case DEGRADED -> step(i, i == 2 ? StepOutcome.FAILED : StepOutcome.PASSED, stepUs[i], i == 2 ? 503 : 200);
                case DOWN -> i == 0 ? step(0, StepOutcome.PASSED, stepUs[0], 200)
                        : i == 1 ? step(1, StepOutcome.FAILED, stepUs[1], null)
                        : step(2, StepOutcome.SKIPPED, null, null);
                case ERROR -> throw new IllegalArgumentException("use missed()");
            });
        }
        Instant started = planned.plusNanos(lateUs * 1_000);
        return new RunResult(RunIds.of(journey, location, planned), journey, "v1", location, "embedded", planned,
                started, total, outcome, outcome == Outcome.DOWN ? ErrorKind.TIMEOUT : null, null, steps);
    }

    static RunResult up(String journey, String location, Instant planned, long... stepUs) {
        return run(journey, location, planned, Outcome.UP, 1_000, stepUs);
    }

    /** A run the saturated probe could not start before its next planned time. */
    static RunResult missed(String journey, String location, Instant planned) {
        return new RunResult(RunIds.of(journey, location, planned), journey, "v1", location, "embedded", planned,
                null, null, Outcome.ERROR, ErrorKind.MISSED, "the probe was saturated", List.of());
    }

    private static StepResult step(int index, StepOutcome outcome, Long us, Integer status) {
        return new StepResult(index, STEPS.get(index), outcome, us, null, null, null, null, null, status, List.of(),
                status == null && outcome == StepOutcome.FAILED ? ErrorKind.TIMEOUT : null, null, null,
                outcome == StepOutcome.SKIPPED ? 0 : 1);
    }
}

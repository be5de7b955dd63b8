package dev.dapple.incident;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Runs and journeys for the incident tests: two steps, login and pay. */
final class IncidentRuns {

    static final StateChange.FailingStep LOGIN_TIMEOUT = new StateChange.FailingStep("login", "timed out after 5s");
    static final StateChange.FailingStep PAY_503 = new StateChange.FailingStep("pay", "status == 200: expected 200, got 503");

    private IncidentRuns() {
    }

    /** UP: both passed; DEGRADED: pay (non-critical) answered 503; DOWN: login timed out; ERROR: missed. */
    static RunResult run(String journey, String location, Instant planned, Outcome outcome) {
        List<StepResult> steps = switch (outcome) {
            case UP -> List.of(step(0, "login", StepOutcome.PASSED), step(1, "pay", StepOutcome.PASSED));
            case DEGRADED -> List.of(step(0, "login", StepOutcome.PASSED),
                    new StepResult(1, "pay", StepOutcome.FAILED, 1_000L, null, null, null, null, null, 503,
                            List.of(new StepResult.AssertionFailure("status == 200", "200", "503")),
                            ErrorKind.ASSERTION, null, null, 1));
            case DOWN -> List.of(new StepResult(0, "login", StepOutcome.FAILED, 5_000_000L, null, null, null, null,
                    null, null, List.of(), ErrorKind.TIMEOUT, "timed out after 5s", null, 1),
                    step(1, "pay", StepOutcome.SKIPPED));
            case ERROR -> List.of();
        };
        return new RunResult(RunIds.of(journey, location, planned), journey, "v1", location, "embedded", planned,
                outcome == Outcome.ERROR ? null : planned, outcome == Outcome.ERROR ? null : 5_000L, outcome,
                outcome == Outcome.ERROR ? ErrorKind.MISSED : null, null, steps);
    }

    private static StepResult step(int index, String name, StepOutcome outcome) {
        return new StepResult(index, name, outcome, outcome == StepOutcome.SKIPPED ? null : 1_000L, null, null, null,
                null, null, outcome == StepOutcome.SKIPPED ? null : 200, List.of(), null, null, null,
                outcome == StepOutcome.SKIPPED ? 0 : 1);
    }

    /** A journey run every minute at eu-west and us-east, with the given extra YAML (slo and alert blocks). */
    static Journey journey(String name, String extra) {
        String yaml = """
                name: %s
                interval: 1m
                locations: [eu-west, us-east]
                steps:
                  - name: login
                    get: https://shop.example.com/login
                  - name: pay
                    get: https://shop.example.com/pay
                    critical: false
                %s""".formatted(name, extra);
        ParseResult result = JourneyParser.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8),
                Path.of("target", "test-journeys", name + ".yaml"));
        if (!(result instanceof ParseResult.Parsed parsed)) {
            throw new AssertionError("the journey must parse: " + result + "\n" + yaml);
        }
        return parsed.journey();
    }
}

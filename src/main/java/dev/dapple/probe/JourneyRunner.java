package dev.dapple.probe;

import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import dev.dapple.probe.http.ExchangeRequest;
import dev.dapple.probe.http.ExchangeResult;
import dev.dapple.probe.http.HttpExchanger;
import dev.dapple.probe.http.ProbeHttpConfiguration;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.secret.Secrets;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs a journey's steps in order, carrying variables forward, and reports a {@link RunResult}. A failed critical
 * step skips the rest except {@code always} steps; the journey's timeout bounds the whole run.
 */
@Singleton
public final class JourneyRunner {

    private final HttpExchanger exchanger;
    private final long maxBody;
    private final Secrets secrets;
    private final Clock clock;
    private final Function<String, String> environment;

    public JourneyRunner(HttpExchanger exchanger, ProbeHttpConfiguration http, Secrets secrets, Clock clock) {
        this(exchanger, http.maxBody(), secrets, clock, System::getenv);
    }

    JourneyRunner(HttpExchanger exchanger, long maxBody, Secrets secrets, Clock clock,
                  Function<String, String> environment) {
        this.exchanger = exchanger;
        this.maxBody = maxBody;
        this.secrets = secrets;
        this.clock = clock;
        this.environment = environment;
    }

    public RunResult run(Journey journey, RunPlan plan) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        var mask = new SecretMask();
        var values = new RunValues(environment, secrets, clock, RandomGenerator.getDefault(), mask);
        var run = new StepRun(journey, values, mask, start + journey.timeout().toNanos());
        try {
            ExternalValues.require(journey, plan.overrides().keySet(), values);
            journey.variables().forEach((name, template) ->
                    values.set(name, plan.overrides().containsKey(name) ? plan.overrides().get(name) : values.render(template)));
        } catch (MissingValueException e) {
            return result(journey, plan, startedAt, start, Outcome.ERROR, ErrorKind.CONFIG, e.getMessage(), run.skipAll());
        }
        try {
            List<StepResult> steps = run.all();
            StepResult decisive = steps.stream()
                    .filter(s -> s.outcome() == StepOutcome.FAILED && journey.steps().get(s.index()).critical())
                    .findFirst()
                    .orElseGet(() -> steps.stream().filter(s -> s.outcome() == StepOutcome.FAILED).findFirst().orElse(null));
            boolean criticalFailed = decisive != null && journey.steps().get(decisive.index()).critical();
            if (run.timedOut && !criticalFailed) {
                // Steps were cut or skipped for time: the journey did not complete, which is DOWN (DESIGN.md).
                String error = steps.stream().filter(s -> s.errorKind() == ErrorKind.TIMEOUT)
                        .reduce((first, last) -> last).map(s -> s.name() + ": " + s.error())
                        .orElse("the run exceeded the journey's timeout of " + Durations.text(journey.timeout()));
                return result(journey, plan, startedAt, start, Outcome.DOWN, ErrorKind.TIMEOUT, error, steps);
            }
            if (decisive == null) {
                return result(journey, plan, startedAt, start, Outcome.UP, null, null, steps);
            }
            Outcome outcome = criticalFailed ? Outcome.DOWN : Outcome.DEGRADED;
            return result(journey, plan, startedAt, start, outcome, decisive.errorKind(),
                    decisive.name() + ": " + decisive.error(), steps);
        } catch (RuntimeException e) {
            // A bug in the probe must not look like the target being down.
            return result(journey, plan, startedAt, start, Outcome.ERROR, ErrorKind.INTERNAL,
                    mask.apply("the probe failed: " + e), run.skipAll());
        }
    }

    private RunResult result(Journey journey, RunPlan plan, Instant startedAt, long start, Outcome outcome,
                             ErrorKind kind, String error, List<StepResult> steps) {
        return new RunResult(RunIds.of(journey.name(), plan.location(), plan.plannedAt()), journey.name(),
                journey.contentHash(), plan.location(), plan.probe(), plan.plannedAt(), startedAt,
                (System.nanoTime() - start) / 1_000, outcome, kind, error, steps);
    }

    /** The state of one run's walk through its steps. */
    private final class StepRun {
        private final Journey journey;
        private final RunValues values;
        private final SecretMask mask;
        private final long deadline;
        /** Whether the journey's timeout cut a step or left steps unrun. */
        private boolean timedOut;

        StepRun(Journey journey, RunValues values, SecretMask mask, long deadline) {
            this.journey = journey;
            this.values = values;
            this.mask = mask;
            this.deadline = deadline;
        }

        List<StepResult> all() {
            var results = new ArrayList<StepResult>();
            boolean criticalFailed = false;
            boolean outOfTime = false;
            for (int i = 0; i < journey.steps().size(); i++) {
                Step step = journey.steps().get(i);
                if (outOfTime || criticalFailed && !step.always()) {
                    results.add(StepResults.skipped(i, step));
                    continue;
                }
                StepResult result = step(i, step);
                results.add(result);
                if (result.outcome() == StepOutcome.FAILED && step.critical()) {
                    criticalFailed = true;
                }
                outOfTime = System.nanoTime() >= deadline;
                if (outOfTime && (i < journey.steps().size() - 1 || result.errorKind() == ErrorKind.TIMEOUT)) {
                    timedOut = true;
                }
            }
            return results;
        }

        List<StepResult> skipAll() {
            var results = new ArrayList<StepResult>();
            for (int i = 0; i < journey.steps().size(); i++) {
                results.add(StepResults.skipped(i, journey.steps().get(i)));
            }
            return results;
        }

        private StepResult step(int index, Step step) {
            ExchangeRequest request;
            try {
                request = StepRequests.build(step, values, journey.sourcePath(), remaining(step), maxBody);
            } catch (StepRequests.InvalidRequestException | MissingValueException e) {
                return StepResults.failed(index, step, ErrorKind.CONFIG, mask.apply(e.getMessage()), null, 1);
            }
            int attempts = 0;
            long totalMicros = 0;
            ExchangeResult result;
            do {
                attempts++;
                result = exchanger.exchange(request.withTimeout(remaining(step)));
                totalMicros += result.timings().totalMicros();
            } while (result instanceof ExchangeResult.Failure failure && Retries.retryable(failure.kind())
                    && attempts <= step.retries() && System.nanoTime() < deadline);
            return switch (result) {
                case ExchangeResult.Failure failure -> StepResults.failed(index, step, failure.kind(),
                        failureMessage(failure, attempts), failure.timings().withTotal(totalMicros), attempts);
                case ExchangeResult.Response response -> StepResults.checked(index, step, response, totalMicros,
                        attempts, values, mask);
            };
        }

        private String failureMessage(ExchangeResult.Failure failure, int attempts) {
            String message = failure.kind() == ErrorKind.TIMEOUT && System.nanoTime() >= deadline
                    ? "the run exceeded the journey's timeout of " + Durations.text(journey.timeout())
                    : failure.message();
            return mask.apply(attempts > 1 ? message + " (" + attempts + " attempts)" : message);
        }

        /** The step's own timeout, cut to what is left of the journey's. */
        private Duration remaining(Step step) {
            Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
            return left.compareTo(step.timeout()) < 0 ? left : step.timeout();
        }
    }
}

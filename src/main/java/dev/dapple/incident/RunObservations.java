package dev.dapple.incident;

import dev.dapple.journey.Slo;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.slo.RunClassifier;

/** A stored run as a tracker sees it: good or bad by the SLO's rules, ignored in maintenance or when an ERROR. */
final class RunObservations {

    private RunObservations() {
    }

    static Observation of(RunResult run, Slo.Degraded degraded, MaintenanceCalendar.Mode mode) {
        Observation.Kind kind = mode == MaintenanceCalendar.Mode.MAINTENANCE ? Observation.Kind.IGNORED
                : switch (RunClassifier.availability(run.outcome(), degraded)) {
                    case GOOD -> Observation.Kind.GOOD;
                    case BAD -> Observation.Kind.BAD;
                    case NOT_VALID -> Observation.Kind.IGNORED;
                };
        return new Observation(run.location(), run.plannedAt(), kind,
                kind == Observation.Kind.BAD ? failingStep(run) : null, mode == MaintenanceCalendar.Mode.DRILL);
    }

    /** The run's first failed step and its first error; a run that failed without a failed step names the run. */
    static StateChange.FailingStep failingStep(RunResult run) {
        return run.steps().stream().filter(s -> s.outcome() == StepOutcome.FAILED).findFirst()
                .map(s -> new StateChange.FailingStep(s.name(), firstError(s)))
                .orElseGet(() -> new StateChange.FailingStep("(run)", run.error() != null ? run.error()
                        : run.errorKind() != null ? run.errorKind().code() : run.outcome().name()));
    }

    private static String firstError(StepResult step) {
        if (step.error() != null) {
            return step.error();
        }
        if (!step.failures().isEmpty()) {
            StepResult.AssertionFailure failure = step.failures().getFirst();
            return failure.assertion() + ": expected " + failure.expected() + ", got " + failure.actual();
        }
        if (step.errorKind() != null) {
            return step.errorKind().code();
        }
        return step.httpStatus() != null ? "status " + step.httpStatus() : "failed";
    }
}

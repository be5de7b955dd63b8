package dev.dapple.cli;

import dev.dapple.result.RunResult;
import dev.dapple.result.StepResult;
import java.io.PrintWriter;
import java.util.Locale;

/** The readable form of a run: one line for the run, one per step, then the failed assertions. */
final class RunTable {

    private RunTable() {
    }

    static void print(RunResult run, PrintWriter out) {
        out.printf(Locale.ROOT, "%s  %s  %s  (%s, version %.12s)%n", run.journey(), run.outcome(), millis(run.durationUs()),
                run.location(), run.journeyVersion());
        if (run.error() != null) {
            out.println("  " + (run.errorKind() == null ? "" : run.errorKind().code() + ": ") + run.error());
        }
        int width = Math.max(4, run.steps().stream().mapToInt(s -> s.name().length()).max().orElse(4));
        out.printf(Locale.ROOT, "%-3s %-" + width + "s  %-8s %10s  %-6s  %s%n", "#", "step", "outcome", "ms", "status", "failures");
        for (StepResult step : run.steps()) {
            out.printf(Locale.ROOT, "%-3d %-" + width + "s  %-8s %10s  %-6s  %s%n", step.index() + 1, step.name(),
                    step.outcome(), millis(step.durationUs()), step.httpStatus() == null ? "" : step.httpStatus(),
                    failures(step));
        }
    }

    private static String failures(StepResult step) {
        if (!step.failures().isEmpty()) {
            return String.join("; ", step.failures().stream()
                    .map(f -> f.assertion() + " (found " + f.actual() + ")").toList());
        }
        if (step.error() != null) {
            return (step.errorKind() == null ? "" : step.errorKind().code() + ": ") + step.error();
        }
        return "";
    }

    private static String millis(Long micros) {
        return micros == null ? "" : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}

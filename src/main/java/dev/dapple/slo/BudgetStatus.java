package dev.dapple.slo;

import java.util.OptionalDouble;

/**
 * An objective's figures over its SLO window.
 *
 * @param sli            good / valid; empty without valid events (no data is unknown, not 100%)
 * @param budgetFraction the error budget, 1 − target, as a fraction of valid events
 * @param allowedBad     the error budget in events: budgetFraction × valid (a fraction of an event is kept, so that
 *                       low-volume synthetic traffic shows how close it is to its first allowed failure)
 * @param remaining      the share of the budget not yet spent: 1 − bad / allowedBad. 1 with no bad events, 0 when bad
 *                       equals allowedBad, negative once overspent (−1 means twice the budget is gone), so on-call can
 *                       see how far past the objective a journey is. Empty without valid events: an unmeasured window
 *                       has not kept its budget, it is unknown
 */
public record BudgetStatus(OptionalDouble sli, double budgetFraction, double allowedBad, OptionalDouble remaining) {

    public static BudgetStatus of(SloTarget target, EventCounts window) {
        double budget = target.budgetFraction();
        OptionalDouble errorRatio = window.errorRatio();
        // 1 − errorRatio / budget equals 1 − bad / (budget × valid), without dividing by allowedBad's own rounding
        OptionalDouble remaining = errorRatio.isEmpty() ? errorRatio
                : OptionalDouble.of(1 - errorRatio.getAsDouble() / budget);
        return new BudgetStatus(window.sli(), budget, budget * window.valid(), remaining);
    }
}

package dev.dapple.slo;

import java.time.Duration;
import java.util.Objects;

/**
 * When the error budget runs out if the current burn rate holds. Three cases rather than an empty optional, because
 * "never at this rate" (burn rate 0) and "already gone" (remaining ≤ 0) call for opposite reactions from on-call.
 */
public sealed interface Exhaustion {

    /** Nothing is burning: the budget lasts at this rate. */
    record Never() implements Exhaustion {
    }

    /** The budget is spent (remaining ≤ 0), whatever the burn rate. */
    record AlreadyExhausted() implements Exhaustion {
    }

    /** The budget lasts this much longer at the current burn rate. */
    record In(Duration duration) implements Exhaustion {
        public In {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * At burn rate 1 a whole budget lasts one SLO window, so the remaining share lasts remaining × window / burnRate.
     * Millisecond precision; a vanishingly small burn rate saturates at {@code Long.MAX_VALUE} ms (millions of years)
     * rather than overflowing.
     *
     * @param remaining the share of the budget left, at most 1 (see {@link BudgetStatus#remaining()})
     * @param burnRate  the current burn rate, at least 0
     * @param window    the SLO window's length
     */
    static Exhaustion at(double remaining, double burnRate, Duration window) {
        if (!(remaining <= 1)) {
            throw new IllegalArgumentException("remaining budget must be a number at most 1, not " + remaining);
        }
        if (!(burnRate >= 0) || Double.isInfinite(burnRate)) {
            throw new IllegalArgumentException("a burn rate must be a finite number at least 0, not " + burnRate);
        }
        if (!window.isPositive()) {
            throw new IllegalArgumentException("an SLO window must be positive, not " + window);
        }
        if (remaining <= 0) {
            return new AlreadyExhausted();
        }
        if (burnRate == 0) {
            return new Never();
        }
        return new In(Duration.ofMillis(Math.round(remaining * window.toMillis() / burnRate)));
    }
}

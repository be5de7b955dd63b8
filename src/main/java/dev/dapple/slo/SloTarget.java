package dev.dapple.slo;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An objective's target, a percentage strictly between 0 and 100 as a journey's {@code slo} block states it (99.5 means
 * 99.5% of valid events must be good). 100 is refused: it leaves no error budget, so every burn rate would divide by
 * zero and a single bad run would exhaust an empty budget.
 *
 * @param percent the target, as written in the journey, e.g. {@code 99.9}
 */
public record SloTarget(BigDecimal percent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public SloTarget {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() <= 0 || percent.compareTo(HUNDRED) >= 0) {
            throw new IllegalArgumentException("an SLO target must be between 0 and 100 percent (exclusive), not "
                    + percent.toPlainString());
        }
    }

    /** The target written as text, e.g. {@code "99.9"}; for tests and defaults. */
    public static SloTarget percent(String percent) {
        return new SloTarget(new BigDecimal(percent));
    }

    /**
     * The error budget as a fraction of valid events: 1 − target. Subtracted in BigDecimal, then converted once, so 99.9
     * gives the double nearest 0.001; {@code 1 - 0.999} in doubles would give 0.0010000000000000009 and a burn rate of
     * 0.9999999999999991 where the workbook says 1.
     */
    public double budgetFraction() {
        return HUNDRED.subtract(percent).movePointLeft(2).doubleValue();
    }

    /**
     * How fast a span consumes the budget: error ratio / (1 − target). 1 spends exactly the budget over the SLO window;
     * 14.4 spends a 30-day budget in 50 hours. Empty when the span has no valid events.
     */
    public OptionalDouble burnRate(EventCounts span) {
        OptionalDouble errorRatio = span.errorRatio();
        return errorRatio.isEmpty() ? errorRatio : OptionalDouble.of(errorRatio.getAsDouble() / budgetFraction());
    }
}

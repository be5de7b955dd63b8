package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The budget figures agree with each other for any target and counts. */
class BudgetStatusPropertiesTest {

    @Property(tries = 500)
    void noBadEventsLeaveTheWholeBudget(@ForAll("targets") SloTarget target,
                                        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long good) {
        BudgetStatus status = BudgetStatus.of(target, new EventCounts(good, 0));
        assertEquals(1.0, status.remaining().getAsDouble());
        assertEquals(1.0, status.sli().getAsDouble());
    }

    /** Choose valid events so that the allowance is a whole number, spend exactly that: nothing remains. */
    @Property(tries = 500)
    void spendingExactlyTheAllowanceLeavesNothing(@ForAll("targets") SloTarget target,
                                                  @ForAll @LongRange(min = 1, max = 1_000_000) long multiple) {
        // target has at most 3 decimals, so 100_000 × budget fraction is a whole number of bad events
        long valid = 100_000 * multiple;
        long bad = BigDecimal.valueOf(100).subtract(target.percent()).movePointRight(3).longValueExact() * multiple;
        BudgetStatus status = BudgetStatus.of(target, new EventCounts(valid - bad, bad));
        assertEquals(bad, status.allowedBad(), bad * 1e-12);
        assertEquals(0.0, status.remaining().getAsDouble(), 1e-9);
    }

    /** Remaining budget and the window's burn rate say the same thing: remaining = 1 − burn rate. */
    @Property(tries = 500)
    void remainingIsOneMinusTheWindowsBurnRate(@ForAll("targets") SloTarget target,
                                               @ForAll @LongRange(max = 1L << 50) long good,
                                               @ForAll @LongRange(max = 1L << 50) long bad) {
        EventCounts counts = new EventCounts(good, bad);
        BudgetStatus status = BudgetStatus.of(target, counts);
        if (counts.valid() == 0) {
            assertTrue(status.remaining().isEmpty() && target.burnRate(counts).isEmpty());
            return;
        }
        double burnRate = target.burnRate(counts).getAsDouble();
        assertEquals(1 - burnRate, status.remaining().getAsDouble(), 1e-9 * Math.max(1, burnRate));
        assertTrue(status.remaining().getAsDouble() <= 1);
        assertEquals(1.0, status.sli().getAsDouble() + counts.errorRatio().getAsDouble(), 1e-12);
    }

    @Provide
    Arbitrary<SloTarget> targets() {
        return Arbitraries.integers().between(1, 99_999)
                .map(thousandths -> new SloTarget(BigDecimal.valueOf(thousandths, 3)));
    }
}

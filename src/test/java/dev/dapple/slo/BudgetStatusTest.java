package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BudgetStatusTest {

    private static final SloTarget THREE_NINES = SloTarget.percent("99.9");

    /** SRE workbook: 99.9% of 1,000,000 requests allows 1,000 bad; 250 spent leaves three quarters. */
    @Test
    void workbookExample() {
        BudgetStatus status = BudgetStatus.of(THREE_NINES, new EventCounts(999_750, 250));
        assertEquals(0.99975, status.sli().getAsDouble(), 1e-15);
        assertEquals(0.001, status.budgetFraction());
        assertEquals(1000.0, status.allowedBad(), 1e-9);
        assertEquals(0.75, status.remaining().getAsDouble(), 1e-12);
    }

    /** A 5-minute journey over 28 days runs 8064 times: at 99.5% about 40 of them may fail. */
    @Test
    void lowVolumeSyntheticTrafficKeepsFractionalAllowance() {
        BudgetStatus status = BudgetStatus.of(SloTarget.percent("99.5"), new EventCounts(8044, 20));
        assertEquals(40.32, status.allowedBad(), 1e-9);
        assertEquals(1 - 20 / 40.32, status.remaining().getAsDouble(), 1e-12);
    }

    @Test
    void overspentBudgetGoesNegative() {
        BudgetStatus status = BudgetStatus.of(THREE_NINES, new EventCounts(997, 3));
        assertEquals(1.0, status.allowedBad(), 1e-12);
        assertEquals(-2.0, status.remaining().getAsDouble(), 1e-12);
    }

    @Test
    void everyEventBadSpendsTheBudgetManyTimesOver() {
        BudgetStatus status = BudgetStatus.of(SloTarget.percent("99"), new EventCounts(0, 10));
        assertEquals(0.0, status.sli().getAsDouble());
        assertEquals(1 - 100.0, status.remaining().getAsDouble(), 1e-9);
    }

    /** An empty window is unknown, not 100% and not a full budget: nothing was measured. */
    @Test
    void noValidEventsLeaveSliAndRemainingUnknown() {
        BudgetStatus status = BudgetStatus.of(THREE_NINES, EventCounts.NONE);
        assertTrue(status.sli().isEmpty());
        assertTrue(status.remaining().isEmpty());
        assertEquals(0.0, status.allowedBad());
        assertEquals(0.001, status.budgetFraction());
    }

    @Test
    void hugeCountsStayAccurate() {
        long valid = Long.MAX_VALUE;
        long bad = valid / 2000; // half the budget of 99.9%
        BudgetStatus status = BudgetStatus.of(THREE_NINES, new EventCounts(valid - bad, bad));
        assertEquals(0.5, status.remaining().getAsDouble(), 1e-9);
        assertEquals(valid / 1000.0, status.allowedBad(), valid / 1e15);
    }
}

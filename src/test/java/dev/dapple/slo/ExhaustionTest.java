package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExhaustionTest {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    /** SRE workbook: at 14.4× a whole 30-day budget is gone in 50 hours; at 1× it lasts the window. */
    @Test
    void wholeBudgetLastsTheWindowDividedByTheBurnRate() {
        assertEquals(new Exhaustion.In(Duration.ofHours(50)), Exhaustion.at(1.0, 14.4, THIRTY_DAYS));
        assertEquals(new Exhaustion.In(THIRTY_DAYS), Exhaustion.at(1.0, 1.0, THIRTY_DAYS));
        assertEquals(new Exhaustion.In(Duration.ofDays(120)), Exhaustion.at(1.0, 0.25, THIRTY_DAYS));
    }

    @Test
    void onlyTheRemainingShareIsLeftToBurn() {
        assertEquals(new Exhaustion.In(Duration.ofHours(5)), Exhaustion.at(0.1, 14.4, THIRTY_DAYS));
        assertEquals(new Exhaustion.In(Duration.ofDays(7)), Exhaustion.at(0.25, 1.0, Duration.ofDays(28)));
    }

    @Test
    void nothingBurningNeverExhausts() {
        assertEquals(new Exhaustion.Never(), Exhaustion.at(0.5, 0.0, THIRTY_DAYS));
    }

    /** Already gone wins over "never": a spent budget stays spent even when nothing burns now. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, -40.0})
    void aSpentBudgetIsAlreadyExhausted(double remaining) {
        assertEquals(new Exhaustion.AlreadyExhausted(), Exhaustion.at(remaining, 3.0, THIRTY_DAYS));
        assertEquals(new Exhaustion.AlreadyExhausted(), Exhaustion.at(remaining, 0.0, THIRTY_DAYS));
    }

    @Test
    void aVanishingBurnRateSaturatesInsteadOfOverflowing() {
        assertEquals(new Exhaustion.In(Duration.ofMillis(Long.MAX_VALUE)), Exhaustion.at(1.0, 1e-300, THIRTY_DAYS));
    }

    @Test
    void badInputsAreRefused() {
        var remaining = assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(1.5, 1, THIRTY_DAYS));
        assertEquals("remaining budget must be a number at most 1, not 1.5", remaining.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(Double.NaN, 1, THIRTY_DAYS));
        var burn = assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(1, -1, THIRTY_DAYS));
        assertEquals("a burn rate must be a finite number at least 0, not -1.0", burn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(1, Double.NaN, THIRTY_DAYS));
        assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(1, Double.POSITIVE_INFINITY, THIRTY_DAYS));
        var window = assertThrows(IllegalArgumentException.class, () -> Exhaustion.at(1, 1, Duration.ZERO));
        assertEquals("an SLO window must be positive, not PT0S", window.getMessage());
    }
}

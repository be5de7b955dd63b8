package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SloTargetTest {

    @Test
    void budgetIsOneMinusTheTargetWithoutBinaryRoundingNoise() {
        assertEquals(0.001, SloTarget.percent("99.9").budgetFraction());
        assertEquals(0.005, SloTarget.percent("99.5").budgetFraction());
        assertEquals(0.0001, SloTarget.percent("99.99").budgetFraction());
        assertEquals(0.5, SloTarget.percent("50").budgetFraction());
    }

    /** SRE workbook, 99.9% over 30 days: an error ratio of 0.1% burns at 1, of 1.44% at 14.4. */
    @Test
    void burnRateIsErrorRatioOverBudget() {
        SloTarget target = SloTarget.percent("99.9");
        assertEquals(1.0, target.burnRate(new EventCounts(999, 1)).getAsDouble());
        assertEquals(14.4, target.burnRate(new EventCounts(9856, 144)).getAsDouble(), 1e-12);
        assertEquals(0.0, target.burnRate(new EventCounts(500, 0)).getAsDouble());
        assertEquals(1000.0, target.burnRate(new EventCounts(0, 7)).getAsDouble(), 1e-9);
    }

    @Test
    void aSpanWithoutValidEventsHasNoBurnRate() {
        assertTrue(SloTarget.percent("99.5").burnRate(EventCounts.NONE).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "100.0", "0", "0.000", "-1", "150"})
    void targetsOutsideZeroToHundredAreRefused(String percent) {
        var error = assertThrows(IllegalArgumentException.class, () -> SloTarget.percent(percent));
        assertEquals("an SLO target must be between 0 and 100 percent (exclusive), not " + percent,
                error.getMessage());
    }

    @Test
    void targetsJustInsideTheBoundsAreAccepted() {
        assertEquals(1e-9, SloTarget.percent("99.9999999").budgetFraction(), 1e-22);
        assertEquals(0.99999, SloTarget.percent("0.001").budgetFraction());
    }

    @Test
    void aMissingTargetIsRefused() {
        assertThrows(NullPointerException.class, () -> new SloTarget((BigDecimal) null));
    }
}

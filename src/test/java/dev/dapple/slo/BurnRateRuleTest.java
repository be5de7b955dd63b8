package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.slo.BurnRateRule.Urgency;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurnRateRuleTest {

    private static List<Double> thresholds(Duration sloWindow) {
        return BurnRateRule.SRE_WORKBOOK.stream().map(rule -> rule.threshold(sloWindow)).toList();
    }

    /** The SRE workbook's numbers for a 30-day window, exactly. */
    @Test
    void thirtyDaysGiveTheWorkbooksFamiliarRates() {
        assertEquals(List.of(14.4, 6.0, 3.0, 1.0), thresholds(Duration.ofDays(30)));
    }

    /** The same budget shares over 28 days: 0.02 × 672, 0.05 × 112, 0.1 × 28, 0.1 × 28 / 3. */
    @Test
    void twentyEightDaysScaleTheSameShares() {
        assertEquals(List.of(13.44, 5.6, 2.8, 28.0 / 30), thresholds(Duration.ofDays(28)));
    }

    @Test
    void theWorkbookPagesOnFastBurnsAndTicketsSlowOnes() {
        assertEquals(List.of(Urgency.PAGE, Urgency.PAGE, Urgency.TICKET, Urgency.TICKET),
                BurnRateRule.SRE_WORKBOOK.stream().map(BurnRateRule::urgency).toList());
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6)),
                BurnRateRule.SRE_WORKBOOK.stream().map(BurnRateRule::shortWindow).toList());
    }

    /** Burning at the threshold for the long window spends exactly the rule's share of the budget. */
    @Test
    void thresholdTimesLongWindowIsTheShareOfTheWindow() {
        Duration window = Duration.ofDays(28);
        for (BurnRateRule rule : BurnRateRule.SRE_WORKBOOK) {
            double spent = rule.threshold(window) * rule.longWindow().toSeconds() / window.toSeconds();
            assertEquals(rule.budgetPercent() / 100.0, spent, 1e-15, rule.toString());
        }
    }

    @Test
    void anSloWindowShorterThanTheAlertWindowIsRefused() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> BurnRateRule.SRE_WORKBOOK.getLast().threshold(Duration.ofDays(2)));
        assertEquals("an SLO window of PT48H is shorter than the alert's long window of PT72H", error.getMessage());
    }

    @Test
    void badRulesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BurnRateRule(Urgency.PAGE, 0, Duration.ofHours(1), Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new BurnRateRule(Urgency.PAGE, 101, Duration.ofHours(1), Duration.ofMinutes(5)));
        var error = assertThrows(IllegalArgumentException.class,
                () -> new BurnRateRule(Urgency.PAGE, 2, Duration.ofHours(1), Duration.ofHours(1)));
        assertEquals("the short window (PT1H) must be positive and shorter than the long window (PT1H)",
                error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BurnRateRule(Urgency.PAGE, 2, Duration.ofHours(1), Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new BurnRateRule(null, 2, Duration.ofHours(1), Duration.ofMinutes(5)));
    }
}

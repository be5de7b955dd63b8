package dev.dapple.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One multiwindow burn-rate alert of the SRE workbook, stated as a share of the error budget burnt within the long
 * window (as Sloth and Pyrra do), so the same rule fits a 28-day, 30-day or calendar-month SLO. The short window only
 * confirms that the burn is still going on, so the alert resolves soon after it stops.
 *
 * @param urgency       whether it pages someone or opens a ticket
 * @param budgetPercent the share of the whole window's budget, in percent, that fires the alert
 * @param longWindow    the span over which that share must burn
 * @param shortWindow   the span that must burn at the same rate too
 */
public record BurnRateRule(Urgency urgency, int budgetPercent, Duration longWindow, Duration shortWindow) {

    public enum Urgency { PAGE, TICKET }

    /** Page at 2% in 1h (confirmed over 5m) or 5% in 6h (30m); ticket at 10% in 1d (2h) or 10% in 3d (6h). */
    public static final List<BurnRateRule> SRE_WORKBOOK = List.of(
            new BurnRateRule(Urgency.PAGE, 2, Duration.ofHours(1), Duration.ofMinutes(5)),
            new BurnRateRule(Urgency.PAGE, 5, Duration.ofHours(6), Duration.ofMinutes(30)),
            new BurnRateRule(Urgency.TICKET, 10, Duration.ofDays(1), Duration.ofHours(2)),
            new BurnRateRule(Urgency.TICKET, 10, Duration.ofDays(3), Duration.ofHours(6)));

    public BurnRateRule {
        Objects.requireNonNull(urgency, "urgency");
        if (budgetPercent <= 0 || budgetPercent > 100) {
            throw new IllegalArgumentException(
                    "a budget share must be between 1 and 100 percent, not " + budgetPercent);
        }
        if (!shortWindow.isPositive() || shortWindow.compareTo(longWindow) >= 0) {
            throw new IllegalArgumentException("the short window (" + shortWindow
                    + ") must be positive and shorter than the long window (" + longWindow + ")");
        }
    }

    /**
     * The burn rate both windows must reach: share × SLO window / long window (14.4 for 2% in 1h of 30 days). Computed
     * as one division of exact integers, so the result is the double nearest the true ratio: 30 days give exactly
     * {@code 14.4}, {@code 6.0}, {@code 3.0} and {@code 1.0}.
     */
    public double threshold(Duration sloWindow) {
        if (sloWindow.compareTo(longWindow) < 0) {
            throw new IllegalArgumentException("an SLO window of " + sloWindow
                    + " is shorter than the alert's long window of " + longWindow);
        }
        return (double) (budgetPercent * sloWindow.toSeconds()) / (100L * longWindow.toSeconds());
    }
}

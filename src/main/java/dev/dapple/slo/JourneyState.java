package dev.dapple.slo;

/** How a journey stands, for pages to sort and colour by, most urgent first. */
public enum JourneyState {
    /** An incident is open. */
    INCIDENT,
    /** No incident, but a burn-rate alert is firing: the budget burns faster than it may. */
    BURNING,
    /** No incident, no burn alert (or too few runs to judge one), but an objective's error budget is spent. */
    EXHAUSTED,
    /** No valid run in the SLO window: nothing to judge by. */
    NO_DATA,
    /** Measured, no incident, no burn alert, budget left. */
    OK;

    static JourneyState of(boolean openIncident, boolean burning, boolean exhausted, boolean measured) {
        if (openIncident) {
            return INCIDENT;
        }
        if (burning) {
            return BURNING;
        }
        if (exhausted) {
            return EXHAUSTED;
        }
        return measured ? OK : NO_DATA;
    }
}

package dev.dapple.slo;

/** How a journey stands, for pages to sort and colour by, most urgent first. */
public enum JourneyState {
    /** An incident is open. */
    INCIDENT,
    /** No incident, but a burn-rate alert is firing: the budget burns faster than it may. */
    BURNING,
    /** No valid run in the SLO window: nothing to judge by. */
    NO_DATA,
    /** Measured, no incident, no burn alert. */
    OK;

    static JourneyState of(boolean openIncident, boolean burning, boolean measured) {
        if (openIncident) {
            return INCIDENT;
        }
        if (burning) {
            return BURNING;
        }
        return measured ? OK : NO_DATA;
    }
}

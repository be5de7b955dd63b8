package dev.dapple.slo;

/** What one run counts as for one objective. */
public enum RunEvent {
    GOOD,
    BAD,
    /** Counts neither way: the run says nothing about this objective (a probe ERROR, or a DOWN run's latency). */
    NOT_VALID
}

package dev.dapple.result;

/** A run's outcome, as DESIGN.md defines it. ERROR runs are the probe's failures and count in no SLO. */
public enum Outcome {
    /** Every step passed. */
    UP,
    /** Only non-critical steps failed. */
    DEGRADED,
    /** A critical step failed or the run timed out. */
    DOWN,
    /** The probe itself failed (missed run, missing config): excluded from SLOs, reported separately. */
    ERROR
}

package dev.dapple.result;

/** A step's outcome within a run. */
public enum StepOutcome {
    PASSED,
    FAILED,
    /** Not run, because an earlier critical step failed. */
    SKIPPED
}

package dev.dapple.journey;

/** How urgent a broken journey is; shown on alerts and used to route them. */
public enum Severity {
    CRITICAL, HIGH, LOW
}

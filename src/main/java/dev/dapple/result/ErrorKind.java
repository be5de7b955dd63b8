package dev.dapple.result;

/** Why a step or run failed, in words an on-call engineer filters by. Stored as the lower-case name. */
public enum ErrorKind {
    /** An assertion on the response did not hold. */
    ASSERTION,
    /** The step or the whole run took longer than its timeout. */
    TIMEOUT,
    /** Nothing listened on the target port. */
    CONNECTION_REFUSED,
    /** The host name could not be resolved. */
    DNS,
    /** The TLS handshake failed (untrusted or expired certificate, protocol mismatch). */
    TLS,
    /** The response body exceeded the probe's cap ({@code dapple.probe.max-body}). */
    BODY_TOO_LARGE,
    /** Another network failure: reset, closed connection, unreachable network. */
    NETWORK,
    /** The journey could not run as configured here, e.g. a missing {@code env.*} or {@code secret.*} value. */
    CONFIG,
    /** The run could not start before its next planned time (the probe was saturated). */
    MISSED,
    /** The probe itself failed unexpectedly. */
    INTERNAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One step of a run. Durations are microseconds measured inside the HTTP client's event loop; a phase that could
 * not be measured is null. {@code excerpt} is the start of the response (at most 2 KiB) with secrets masked.
 * {@code attempts} counts tries, above 1 only when the step was retried after a network error or timeout.
 */
@Serdeable
public record StepResult(
        int index,
        String name,
        StepOutcome outcome,
        @Nullable Long durationUs,
        @Nullable Long dnsUs,
        @Nullable Long connectUs,
        @Nullable Long tlsUs,
        @Nullable Long firstByteUs,
        @Nullable Boolean newConnection,
        @Nullable Integer httpStatus,
        List<AssertionFailure> failures,
        @Nullable ErrorKind errorKind,
        @Nullable String error,
        @Nullable String excerpt,
        int attempts) {

    public StepResult {
        failures = failures == null ? List.of() : List.copyOf(failures); // empty lists are omitted in JSON
    }

    /** A failed assertion: the assertion as written, what it expected, and what the response had. */
    @Serdeable
    public record AssertionFailure(String assertion, String expected, @Nullable String actual) {
    }
}

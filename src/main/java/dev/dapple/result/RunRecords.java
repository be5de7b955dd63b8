package dev.dapple.result;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Maps a probe's {@link RunResult} to its rows ({@link StoredRun}, {@link StoredStep}) and back, so a stored run reads
 * back as the probe reported it. Error kinds are stored as {@link ErrorKind#code()} (lower case); failed assertions
 * as a JSON array, null when there are none. Texts longer than their column are cut, so one oversized message
 * cannot make a whole batch fail forever.
 *
 * <p>The schema has no column for a step's {@code attempts}: it reads back as 1 for a step that ran and 0 for a
 * skipped one, so the number of retries is not kept.
 */
@Singleton
public final class RunRecords {

    static final int ERROR_LENGTH = 2000;
    private static final Argument<List<StepResult.AssertionFailure>> FAILURES =
            Argument.listOf(StepResult.AssertionFailure.class);

    private final JsonMapper json;

    public RunRecords(JsonMapper json) {
        this.json = json;
    }

    /** A run's rows: the run and its steps in order. */
    public record Rows(StoredRun run, List<StoredStep> steps) {
    }

    public Rows toRows(RunResult r, Instant receivedAt) {
        var run = new StoredRun(r.id(), r.journey(), r.journeyVersion(), r.location(), r.probe(), r.plannedAt(),
                r.startedAt(), r.durationUs(), r.outcome(), code(r.errorKind()), cut(r.error()), receivedAt);
        var steps = r.steps().stream().map(s -> new StoredStep(new StoredStep.Key(r.id(), (short) s.index()), s.name(),
                s.outcome(), s.durationUs(), s.dnsUs(), s.connectUs(), s.tlsUs(), s.firstByteUs(), s.newConnection(),
                s.httpStatus() == null ? null : s.httpStatus().shortValue(), code(s.errorKind()), cut(s.error()),
                failures(s.failures()), s.excerpt())).toList();
        return new Rows(run, steps);
    }

    public RunResult toResult(StoredRun run, List<StoredStep> steps) {
        var results = steps.stream().map(s -> new StepResult(s.key().index(), s.name(), s.outcome(), s.durationUs(),
                s.dnsUs(), s.connectUs(), s.tlsUs(), s.firstByteUs(), s.newConnection(),
                s.httpStatus() == null ? null : s.httpStatus().intValue(), failures(s.failures()), kind(s.errorKind()),
                s.error(), s.excerpt(), s.outcome() == StepOutcome.SKIPPED ? 0 : 1)).toList();
        return new RunResult(run.id(), run.journey(), run.journeyVersion(), run.location(), run.probe(),
                run.plannedAt(), run.startedAt(), run.durationUs(), run.outcome(), kind(run.errorKind()), run.error(),
                results);
    }

    String failures(List<StepResult.AssertionFailure> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(FAILURES, failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<StepResult.AssertionFailure> failures(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, FAILURES);
        } catch (IOException e) {
            throw new UncheckedIOException("stored failures are not a JSON array of assertions: " + e.getMessage(), e);
        }
    }

    static String code(ErrorKind kind) {
        return kind == null ? null : kind.code();
    }

    static ErrorKind kind(String code) {
        return code == null ? null : ErrorKind.valueOf(code.toUpperCase(Locale.ROOT));
    }

    static String cut(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}

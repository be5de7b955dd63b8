package dev.dapple.result;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Maps a probe's {@link RunResult} to its {@code runs} row and back. A stored run reads back as reported, with two
 * deliberate exceptions that keep a run small: error texts longer than {@value #ERROR_LENGTH} characters are cut
 * (so one oversized message cannot make a whole batch fail), and the response excerpts of a run that came out
 * {@link Outcome#UP} are not kept: excerpts are there to diagnose failures, and a passing run's would be most of its
 * bytes. A run that was not UP keeps the excerpts of all its steps, the passing ones too, for context.
 */
@Singleton
public final class RunRecords {

    static final int ERROR_LENGTH = 2000;

    public StoredRun toRow(RunResult r, Instant receivedAt) {
        boolean keepExcerpts = r.outcome() != Outcome.UP;
        List<StepResult> steps = r.steps().stream().map(s -> stored(s, keepExcerpts)).toList();
        byte[] detail = RunDetailCodec.encode(
                new RunDetailCodec.Detail(r.journeyVersion(), r.probe(), r.errorKind(), cut(r.error()), steps));
        return new StoredRun(r.id(), r.journey(), r.location(), r.plannedAt(), r.startedAt(), r.durationUs(),
                r.outcome(), receivedAt, detail);
    }

    public RunResult toResult(StoredRun row) {
        RunDetailCodec.Detail d = RunDetailCodec.decode(row.detail());
        return new RunResult(row.id(), row.journey(), d.journeyVersion(), row.location(), d.probe(), row.plannedAt(),
                row.startedAt(), row.durationUs(), row.outcome(), d.errorKind(), d.error(), d.steps());
    }

    private static StepResult stored(StepResult s, boolean keepExcerpt) {
        List<StepResult.AssertionFailure> failures = s.failures().stream()
                .map(f -> new StepResult.AssertionFailure(f.assertion(), cut(f.expected()), cut(f.actual())))
                .toList();
        return new StepResult(s.index(), s.name(), s.outcome(), s.durationUs(), s.dnsUs(), s.connectUs(), s.tlsUs(),
                s.firstByteUs(), s.newConnection(), s.httpStatus(), failures, s.errorKind(), cut(s.error()),
                keepExcerpt ? s.excerpt() : null, s.attempts());
    }

    static String cut(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}

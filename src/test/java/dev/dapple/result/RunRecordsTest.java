package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A result maps to its row and back unchanged, apart from the two documented cuts. */
class RunRecordsTest {

    private final RunRecords records = new RunRecords();

    @Test
    void aResultRoundTripsThroughItsRowRetriesIncluded() {
        RunResult run = TestRuns.run("checkout", 0);
        Instant received = TestRuns.T0.plusSeconds(1);
        StoredRun row = records.toRow(run, received);

        assertEquals(received, row.receivedAt());
        assertEquals(run, records.toResult(row));

        RunResult retried = withSteps(run, Outcome.DOWN, List.of(step(run.steps().get(0), 3, "{}")));
        assertEquals(3, records.toResult(records.toRow(retried, received)).steps().getFirst().attempts());

        RunResult missed = TestRuns.missed("checkout", 1);
        assertEquals(missed, records.toResult(records.toRow(missed, received)));
    }

    @Test
    void anUpRunKeepsNoExcerptsAndARunThatFailedKeepsThemAll() {
        RunResult run = TestRuns.run("checkout", 0);
        RunResult up = withSteps(run, Outcome.UP, List.of(step(run.steps().get(0), 1, "{\"token\":\"t\"}")));
        RunResult stored = records.toResult(records.toRow(up, TestRuns.T0));
        assertNull(stored.steps().getFirst().excerpt());
        assertEquals(withSteps(run, Outcome.UP, List.of(step(run.steps().get(0), 1, null))), stored);

        RunResult down = records.toResult(records.toRow(run, TestRuns.T0));
        assertEquals("{\"ok\":true}", down.steps().get(0).excerpt(), "a passing step of a failed run keeps its own");
    }

    @Test
    void anOverlongErrorIsCut() {
        RunResult run = TestRuns.missed("checkout", 0);
        RunResult verbose = new RunResult(run.id(), run.journey(), run.journeyVersion(), run.location(), run.probe(),
                run.plannedAt(), null, null, run.outcome(), run.errorKind(), "x".repeat(5000), run.steps());
        String error = records.toResult(records.toRow(verbose, TestRuns.T0)).error();
        assertEquals(RunRecords.ERROR_LENGTH, error.length());
        assertTrue(error.endsWith("…"));

        RunResult failing = TestRuns.run("checkout", 0);
        StepResult search = failing.steps().get(1);
        var longStep = new StepResult(1, search.name(), search.outcome(), search.durationUs(), null, null, null, null,
                null, 500, List.of(new StepResult.AssertionFailure("$.a == 1", "1", "y".repeat(3000))),
                search.errorKind(), "z".repeat(3000), null, 1);
        StepResult stored = records.toResult(records.toRow(withSteps(failing, Outcome.DOWN, List.of(longStep)),
                TestRuns.T0)).steps().getFirst();
        assertEquals(RunRecords.ERROR_LENGTH, stored.error().length());
        assertEquals(RunRecords.ERROR_LENGTH, stored.failures().getFirst().actual().length());
    }

    static RunResult withSteps(RunResult r, Outcome outcome, List<StepResult> steps) {
        return new RunResult(r.id(), r.journey(), r.journeyVersion(), r.location(), r.probe(), r.plannedAt(),
                r.startedAt(), r.durationUs(), outcome, null, null, steps);
    }

    static StepResult step(StepResult s, int attempts, String excerpt) {
        return new StepResult(s.index(), s.name(), s.outcome(), s.durationUs(), s.dnsUs(), s.connectUs(), s.tlsUs(),
                s.firstByteUs(), s.newConnection(), s.httpStatus(), s.failures(), s.errorKind(), s.error(), excerpt,
                attempts);
    }
}

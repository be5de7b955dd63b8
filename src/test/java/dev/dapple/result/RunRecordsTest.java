package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A result maps to rows and back unchanged (apart from retries, which the schema does not keep). */
@MicronautTest(startApplication = false)
class RunRecordsTest {

    @Inject
    RunRecords records;

    @Test
    void aResultRoundTripsThroughItsRows() {
        RunResult run = TestRuns.run("checkout", 0);
        Instant received = TestRuns.T0.plusSeconds(1);
        RunRecords.Rows rows = records.toRows(run, received);

        assertEquals(received, rows.run().receivedAt());
        assertEquals("assertion", rows.run().errorKind(), "error kinds are stored as their lower-case code");
        assertNull(rows.steps().get(0).failures(), "no failures is null, not an empty array");
        assertTrue(rows.steps().get(1).failures().startsWith("[{\"assertion\":\"status < 400\""),
                rows.steps().get(1).failures());
        assertEquals(run, records.toResult(rows.run(), rows.steps()));

        RunResult missed = TestRuns.missed("checkout", 1);
        RunRecords.Rows missedRows = records.toRows(missed, received);
        assertEquals(missed, records.toResult(missedRows.run(), missedRows.steps()));
    }

    @Test
    void anOverlongErrorIsCutToItsColumn() {
        RunResult run = TestRuns.missed("checkout", 0);
        RunResult verbose = new RunResult(run.id(), run.journey(), run.journeyVersion(), run.location(), run.probe(),
                run.plannedAt(), null, null, run.outcome(), run.errorKind(), "x".repeat(5000), run.steps());
        assertEquals(RunRecords.ERROR_LENGTH, records.toRows(verbose, TestRuns.T0).run().error().length());
    }
}

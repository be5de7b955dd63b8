package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest on a real database: {@link H2IngestTest} and {@link PostgresIngestTest} run the same tests.
 */
abstract class IngestContract {

    @Inject
    RunWriter writer;
    @Inject
    RunRecords records;
    @Inject
    RunRepository runs;
    @Inject
    StepRepository steps;

    @BeforeEach
    void empty() {
        steps.deleteAll();
        runs.deleteAll();
    }

    RunResult stored(UUID id) {
        StoredRun run = runs.findById(id).orElseThrow(() -> new AssertionError("run " + id + " not stored"));
        return records.toResult(run, steps.findByKeyRunIdOrderByKeyIndex(id));
    }

    @Test
    void aBatchIsStoredWithItsStepsExactlyAsReported() throws SQLException {
        List<RunResult> batch = new ArrayList<>();
        for (int minute = 0; minute < 50; minute++) {
            batch.add(minute % 10 == 9 ? TestRuns.missed("checkout", minute) : TestRuns.run("checkout", minute));
        }
        assertEquals(50, writer.write(batch));

        assertEquals(50, runs.count());
        assertEquals(45 * 3, steps.count());
        for (RunResult result : batch) {
            assertEquals(result, stored(result.id()));
        }
    }

    @Test
    void aReplayedResultIsIgnored() throws SQLException {
        RunResult first = TestRuns.run("checkout", 0);
        assertEquals(1, writer.write(List.of(first)));
        StoredRun row = runs.findById(first.id()).orElseThrow();

        RunResult replay = new RunResult(first.id(), first.journey(), first.journeyVersion(), first.location(),
                "another-probe", first.plannedAt(), first.startedAt(), 1L, Outcome.UP, null, null, List.of());
        assertEquals(1, writer.write(List.of(replay, TestRuns.run("checkout", 1))), "only the new run counts");

        assertEquals(2, runs.count());
        assertEquals(row, runs.findById(first.id()).orElseThrow(), "the first report stays");
        assertEquals(first, stored(first.id()));
    }

    @Test
    void aDuplicateInOneBatchIsStoredOnce() throws SQLException {
        RunResult run = TestRuns.run("checkout", 0);
        assertEquals(1, writer.write(List.of(run, run, run)));
        assertEquals(1, runs.count());
        assertEquals(3, steps.count());
    }
}

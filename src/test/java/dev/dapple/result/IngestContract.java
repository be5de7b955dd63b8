package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest on a real database: {@link H2IngestTest} and {@link PostgresIngestTest} run the same tests. The store "goes
 * away" by renaming the runs table (every write then fails as it would on a lost database, on both databases and
 * without stopping a server) and "comes back" by renaming it again. Each test's ingest has its own buffer
 * directory and short pauses, and tests wait on conditions with a deadline rather than sleeping.
 */
abstract class IngestContract {

    @Inject
    RunWriter writer;
    @Inject
    RunRepository runs;
    @Inject
    RunReader reader;
    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;

    private Path bufferDir;
    private final List<Ingest> opened = new ArrayList<>();
    private boolean away;

    @BeforeEach
    void empty() throws IOException {
        runs.deleteAll();
        bufferDir = Files.createTempDirectory("dapple-ingest-");
    }

    @AfterEach
    void closeIngests() throws SQLException, IOException {
        opened.forEach(Ingest::close);
        if (away) {
            storeComesBack();
        }
        try (var files = Files.list(bufferDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(bufferDir);
    }

    Ingest ingest(int bufferSize, long diskBytes, SimpleMeterRegistry registry) {
        var ingest = new Ingest(writer, bufferSize, new DiskBuffer(bufferDir, diskBytes, json), registry,
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
        opened.add(ingest);
        return ingest;
    }

    void storeGoesAway() throws SQLException {
        sql("ALTER TABLE runs RENAME TO runs_away");
        away = true;
    }

    void storeComesBack() throws SQLException {
        sql("ALTER TABLE runs_away RENAME TO runs");
        away = false;
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<RunResult> results(int count) {
        List<RunResult> results = new ArrayList<>();
        for (int minute = 0; minute < count; minute++) {
            results.add(TestRuns.run("checkout", minute));
        }
        return results;
    }

    long bufferFiles() throws IOException {
        try (var files = Files.list(bufferDir)) {
            return files.count();
        }
    }

    RunResult stored(UUID id) {
        try {
            return reader.byId(id).orElseThrow(() -> new AssertionError("run " + id + " not stored"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBatchIsStoredWithItsStepsExactlyAsReported() throws SQLException {
        List<RunResult> batch = new ArrayList<>();
        for (int minute = 0; minute < 50; minute++) {
            batch.add(minute % 10 == 9 ? TestRuns.missed("checkout", minute) : TestRuns.run("checkout", minute));
        }
        assertEquals(50, writer.write(batch));

        assertEquals(50, runs.count());
        for (RunResult result : batch) {
            assertEquals(result, stored(result.id()));
        }
    }

    @Test
    void theReaderReturnsRunsPlannedInARangeOldestFirstWithTheirSteps() throws SQLException {
        List<RunResult> batch = new ArrayList<>();
        for (int minute = 0; minute < 6; minute++) {
            batch.add(minute == 3 ? TestRuns.missed("checkout", minute) : TestRuns.run("checkout", minute));
            batch.add(TestRuns.run("search", minute));
        }
        writer.write(batch.reversed());

        List<RunResult> checkout = reader.planned(TestRuns.T0.plusSeconds(60), TestRuns.T0.plusSeconds(240),
                "checkout", "eu-west");
        assertEquals(List.of(batch.get(2), batch.get(4), batch.get(6)), checkout, "[from, to), oldest first");
        assertEquals(12, reader.planned(TestRuns.T0, TestRuns.T0.plusSeconds(360), null, null).size());
        assertEquals(List.of(), reader.planned(TestRuns.T0, TestRuns.T0.plusSeconds(360), "checkout", "us-east"));
        assertEquals(batch.get(6), reader.byId(batch.get(6).id()).orElseThrow(), "a missed run has no steps");
        assertTrue(reader.byId(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aReplayedResultIsIgnored() throws SQLException {
        RunResult first = TestRuns.run("checkout", 0);
        assertEquals(1, writer.write(List.of(first)));

        RunResult replay = new RunResult(first.id(), first.journey(), first.journeyVersion(), first.location(),
                "another-probe", first.plannedAt(), first.startedAt(), 1L, Outcome.UP, null, null, List.of());
        assertEquals(1, writer.write(List.of(replay, TestRuns.run("checkout", 1))), "only the new run counts");

        assertEquals(2, runs.count());
        assertEquals(first, stored(first.id()), "the first report stays");
    }

    @Test
    void aDuplicateInOneBatchIsStoredOnce() throws SQLException {
        RunResult run = TestRuns.run("checkout", 0);
        assertEquals(1, writer.write(List.of(run, run, run)));
        assertEquals(1, runs.count());
        assertEquals(run, stored(run.id()));
    }

    @Test
    void acceptedResultsAreStoredOnceEvenWhenReplayed() {
        var registry = new SimpleMeterRegistry();
        Ingest ingest = ingest(100, 1 << 20, registry);
        List<RunResult> results = results(500);
        results.forEach(ingest::accept);
        results.subList(0, 50).forEach(ingest::accept);

        await("all are stored", () -> ingest.pending() == 0 && runs.count() == 500);
        assertEquals(results.get(0), stored(results.get(0).id()));
        assertEquals(results.get(499), stored(results.get(499).id()));
        assertEquals(0, registry.get("dapple.ingest.pending").gauge().value());
        assertEquals(0, registry.get("dapple.ingest.dropped").counter().count());
    }

    @Test
    void nothingIsLostWhileTheStoreIsAway() throws SQLException {
        Ingest ingest = ingest(1_000, 1 << 20, new SimpleMeterRegistry());
        storeGoesAway();
        List<RunResult> results = results(300);
        results.subList(0, 100).forEach(ingest::accept);
        await("the store is seen down", () -> !ingest.storeUp());
        results.subList(100, 300).forEach(ingest::accept);
        assertEquals(300, ingest.pending());

        storeComesBack();
        await("all are stored", () -> ingest.pending() == 0 && runs.count() == 300);
        assertTrue(ingest.storeUp());
        for (RunResult result : List.of(results.get(0), results.get(150), results.get(299))) {
            assertEquals(result, stored(result.id()));
        }
    }

    @Test
    void pastTheMemoryBoundResultsWaitOnDiskAndAreStoredAfterARestart() throws SQLException, IOException {
        Ingest first = ingest(10, 1 << 20, new SimpleMeterRegistry());
        storeGoesAway();
        List<RunResult> results = results(100);
        results.forEach(first::accept);
        assertEquals(100, first.pending());
        assertTrue(bufferFiles() > 0, "spilled to disk");

        first.close();
        Ingest restarted = ingest(10, 1 << 20, new SimpleMeterRegistry());
        assertEquals(100, restarted.pending(), "the next process finds every result on disk");
        storeComesBack();
        await("all are stored", () -> restarted.pending() == 0 && runs.count() == 100);
        assertEquals(0, bufferFiles());
        assertEquals(results.get(42), stored(results.get(42).id()));
    }

    @Test
    void pastTheDiskBoundTheOldestAreDroppedAndCounted() throws SQLException, IOException {
        var registry = new SimpleMeterRegistry();
        long oneResult = json.writeValueAsString(results(1).getFirst()).length() + 1;
        Ingest ingest = ingest(5, oneResult * 30, registry);
        storeGoesAway();
        List<RunResult> results = results(200);
        results.forEach(ingest::accept);

        double dropped = registry.get("dapple.ingest.dropped").counter().count();
        assertTrue(dropped > 100, "dropped " + dropped);
        assertEquals(200, ingest.pending() + (long) dropped, "every result is either waiting or counted as dropped");
        assertTrue(Files.size(bufferDir) >= 0 && bufferFiles() > 0);

        storeComesBack();
        await("what waited is stored", () -> ingest.pending() == 0);
        assertEquals(200 - (long) dropped, runs.count());
        assertTrue(runs.findById(results.get(199).id()).isPresent(), "the newest result is kept");
        assertFalse(runs.findById(results.get(50).id()).isPresent(), "older results were dropped");
    }

    @Test
    void closingStoresWhatItCanAndKeepsTheRestOnDisk() throws SQLException {
        Ingest ingest = ingest(10_000, 10 << 20, new SimpleMeterRegistry());
        List<RunResult> results = results(2_000);
        results.forEach(ingest::accept);
        ingest.close();
        long stored = runs.count();

        Ingest restarted = ingest(10_000, 10 << 20, new SimpleMeterRegistry());
        assertEquals(2_000, stored + restarted.pending(), "stored " + stored + ", the rest waits on disk");
        await("all are stored", () -> runs.count() == 2_000 && restarted.pending() == 0);
    }

    @Test
    void closingWhileTheStoreIsAwayKeepsEverythingOnDisk() throws SQLException {
        Ingest ingest = ingest(1_000, 10 << 20, new SimpleMeterRegistry());
        storeGoesAway();
        results(500).forEach(ingest::accept);
        ingest.close();
        ingest.accept(TestRuns.run("search", 0)); // a late result after close goes to disk too

        Ingest restarted = ingest(1_000, 10 << 20, new SimpleMeterRegistry());
        assertEquals(501, restarted.pending());
        storeComesBack();
        await("all are stored", () -> runs.count() == 501 && restarted.pending() == 0);
    }

    @Test
    void aResultTheStoreRefusesIsCountedAndDoesNotHoldUpTheOthers() {
        var registry = new SimpleMeterRegistry();
        Ingest ingest = ingest(100, 1 << 20, registry);
        RunResult tooLong = TestRuns.run("j".repeat(101), 0); // the journey column holds 100 characters
        List<RunResult> good = results(3);
        ingest.accept(good.get(0));
        ingest.accept(tooLong);
        good.subList(1, 3).forEach(ingest::accept);

        await("the others are stored", () -> runs.count() == 3 && ingest.pending() == 0);
        assertEquals(1, registry.get("dapple.ingest.rejected").counter().count());
        assertTrue(ingest.storeUp());
    }
}

package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A journey's runs a page at a time ({@link RunReader#page}), on every database: {@link H2RunPagingTest},
 * {@link PostgresRunPagingTest}.
 */
abstract class RunPagingContract {

    @Inject
    RunWriter writer;
    @Inject
    RunReader reader;
    @Inject
    RunRepository runs;

    @BeforeEach
    void empty() {
        runs.deleteAll();
    }

    /**
     * Runs of checkout at two locations sharing planned times (ties broken by id), every fourth at eu-west DOWN and
     * the others DEGRADED (not UP, which would not keep the excerpts), and one run of search.
     */
    List<RunResult> store(int minutes) throws SQLException {
        List<RunResult> stored = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            stored.add(at(TestRuns.run("checkout", minute), "eu-west",
                    minute % 4 == 0 ? Outcome.DOWN : Outcome.DEGRADED));
            stored.add(at(TestRuns.run("checkout", minute), "us-east", Outcome.DEGRADED));
        }
        writer.write(stored);
        writer.write(List.of(TestRuns.run("search", 0)));
        return stored;
    }

    static RunResult at(RunResult r, String location, Outcome outcome) {
        return new RunResult(RunIds.of(r.journey(), location, r.plannedAt()), r.journey(), r.journeyVersion(), location,
                r.probe(), r.plannedAt(), r.startedAt(), r.durationUs(), outcome, r.errorKind(), r.error(), r.steps());
    }

    List<RunResult> all(RunQuery first) throws SQLException {
        List<RunResult> seen = new ArrayList<>();
        RunQuery query = first;
        while (true) {
            RunPage page = reader.page(query);
            assertTrue(page.runs().size() <= first.limit());
            seen.addAll(page.runs());
            if (page.next() == null) {
                return seen;
            }
            query = query.after(RunCursor.decode(page.next()));
        }
    }

    @Test
    void pagesListEveryRunOnceNewestFirstEvenWhenACursorFallsBetweenTiedRuns() throws SQLException {
        List<RunResult> stored = store(25);
        for (int limit : List.of(1, 7, 50, 500)) {
            List<RunResult> paged = all(RunQuery.newest("checkout", limit));
            assertEquals(50, paged.size(), "limit " + limit);
            assertEquals(Set.copyOf(stored), Set.copyOf(paged), "every run exactly once, with its steps");
            for (int i = 1; i < paged.size(); i++) {
                assertFalse(paged.get(i).plannedAt().isAfter(paged.get(i - 1).plannedAt()), "newest first");
            }
        }
    }

    @Test
    void aRunStoredBetweenPagesIsNeitherRepeatedNorDoesItShiftThePages() throws SQLException {
        store(10);
        RunQuery query = RunQuery.newest("checkout", 6);
        RunPage first = reader.page(query);
        writer.write(List.of(at(TestRuns.run("checkout", 30), "eu-west", Outcome.DOWN), // newer than every page
                at(TestRuns.run("checkout", 0), "ap-south", Outcome.DOWN)));           // older than the cursor
        List<RunResult> seen = new ArrayList<>(first.runs());
        seen.addAll(all(query.after(RunCursor.decode(first.next()))));

        Set<UUID> ids = new HashSet<>();
        seen.forEach(r -> assertTrue(ids.add(r.id()), "seen twice: " + r.id()));
        assertEquals(21, seen.size(), "the 20 there at the start and the older late one; the newer shows on top");
        assertEquals(TestRuns.T0.plusSeconds(30 * 60),
                reader.page(RunQuery.newest("checkout", 1)).runs().getFirst().plannedAt());
    }

    @Test
    void filtersByLocationOutcomeAndPlannedRange() throws SQLException {
        store(20);
        Instant from = TestRuns.T0.plusSeconds(4 * 60);
        Instant to = TestRuns.T0.plusSeconds(12 * 60);

        List<RunResult> euWest = all(new RunQuery("checkout", "eu-west", null, null, null, 3, null));
        assertEquals(20, euWest.size());
        assertTrue(euWest.stream().allMatch(r -> r.location().equals("eu-west")));

        List<RunResult> down = all(new RunQuery("checkout", null, Outcome.DOWN, null, null, 2, null));
        assertEquals(List.of(16, 12, 8, 4, 0), down.stream().map(RunPagingContract::minute).toList());

        List<RunResult> window = all(new RunQuery("checkout", "us-east", null, from, to, 50, null));
        assertEquals(List.of(11, 10, 9, 8, 7, 6, 5, 4), window.stream().map(RunPagingContract::minute).toList(),
                "[from, to)");

        List<RunResult> all = all(new RunQuery("checkout", "eu-west", Outcome.DOWN, from, to, 1, null));
        assertEquals(List.of(8, 4), all.stream().map(RunPagingContract::minute).toList());
        assertEquals(List.of(), reader.page(new RunQuery("checkout", "mars", null, null, null, 5, null)).runs());
    }

    @Test
    void theLastPageHasNoCursorEvenWhenItIsExactlyFull() throws SQLException {
        store(5);
        RunPage everything = reader.page(RunQuery.newest("checkout", 10));
        assertEquals(10, everything.runs().size());
        assertNull(everything.next(), "one more was asked for, and there was none");
        assertTrue(reader.hasRuns("search"));
        assertFalse(reader.hasRuns("nothing"));
    }

    @Test
    void aMalformedCursorIsAClearError() {
        for (String bad : List.of("", "not base64!", "AAAA", RunCursorTest.withFormat(9))) {
            var error = assertThrows(IllegalArgumentException.class, () -> RunCursor.decode(bad), bad);
            assertTrue(error.getMessage().startsWith("malformed cursor"), error.getMessage());
        }
    }

    static int minute(RunResult run) {
        return (int) ((run.plannedAt().getEpochSecond() - TestRuns.T0.getEpochSecond()) / 60);
    }
}

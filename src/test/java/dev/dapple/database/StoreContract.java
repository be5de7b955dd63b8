package dev.dapple.database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.result.JourneyRollup;
import dev.dapple.result.JourneyRollupRepository;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunRepository;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepRepository;
import dev.dapple.result.StepRollup;
import dev.dapple.result.StepRollupRepository;
import dev.dapple.result.StoredRun;
import dev.dapple.result.StoredStep;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract: every repository behaves the same on every database. Each database gets a subclass
 * ({@link H2StoreTest}, {@link PostgresStoreTest}); a new backend is one more subclass.
 */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    PublishedJourneyRepository journeys;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    RunRepository runs;
    @Inject
    StepRepository steps;
    @Inject
    JourneyRollupRepository journeyRollups;
    @Inject
    StepRollupRepository stepRollups;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() {
        stepRollups.deleteAll();
        journeyRollups.deleteAll();
        steps.deleteAll();
        runs.deleteAll();
        versions.deleteAll();
        journeys.deleteAll();
    }

    @Test
    void migrationsAreApplied() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            assertTrue(rs.next(), "no migration recorded");
            assertEquals("1", rs.getString(1));
        }
    }

    @Test
    void publishedJourneysAreListedByNameAndUpdatedInPlace() {
        journeys.save(new PublishedJourney("search", "h1", "journeys/search.yaml", T0));
        journeys.save(new PublishedJourney("checkout", "h2", "journeys/checkout.yaml", T0));

        journeys.update(new PublishedJourney("search", "h3", "journeys/search.yaml", T0.plusSeconds(5)));

        List<PublishedJourney> all = journeys.findAllOrderByName();
        assertEquals(List.of("checkout", "search"), all.stream().map(PublishedJourney::name).toList());
        assertEquals(new PublishedJourney("search", "h3", "journeys/search.yaml", T0.plusSeconds(5)), all.get(1));
    }

    @Test
    void everyJourneyVersionKeepsItsDefinition() {
        String longDefinition = "name: big\n" + "# padding\n".repeat(20_000);
        versions.save(new JourneyVersion(new JourneyVersion.Key("big", "v1"), "name: big\n", T0));
        versions.save(new JourneyVersion(new JourneyVersion.Key("big", "v2"), longDefinition, T0.plusSeconds(60)));

        assertEquals("name: big\n", versions.findById(new JourneyVersion.Key("big", "v1")).orElseThrow().definition());
        assertEquals(longDefinition, versions.findById(new JourneyVersion.Key("big", "v2")).orElseThrow().definition());
    }

    @Test
    void aRunRoundTripsWithItsStepsInOrder() {
        StoredRun run = run("checkout", "eu-west", T0, Outcome.DEGRADED);
        runs.save(run);
        steps.save(step(run.id(), 1, "search", StepOutcome.FAILED, null));
        steps.save(step(run.id(), 0, "login", StepOutcome.PASSED, 1234L));
        steps.save(step(run.id(), 2, "pay", StepOutcome.SKIPPED, null));

        assertEquals(run, runs.findById(run.id()).orElseThrow());
        List<StoredStep> stored = steps.findByKeyRunIdOrderByKeyIndex(run.id());
        assertEquals(List.of("login", "search", "pay"), stored.stream().map(StoredStep::name).toList());
        assertEquals(step(run.id(), 0, "login", StepOutcome.PASSED, 1234L), stored.get(0));
        assertNull(stored.get(1).tlsUs(), "an unmeasured phase stays empty");
    }

    @Test
    void aMissedRunHasNoStartOrDuration() {
        StoredRun missed = new StoredRun(RunIds.of("checkout", "us-east", T0), "checkout", "hash", "us-east",
                "probe-1", T0, null, null, Outcome.ERROR, "missed", "the probe was saturated", T0.plusSeconds(60));
        runs.save(missed);
        assertEquals(missed, runs.findById(missed.id()).orElseThrow());
    }

    @Test
    void aRunIdIsStoredOnce() {
        StoredRun run = run("checkout", "eu-west", T0, Outcome.UP);
        runs.save(run);
        assertThrows(RuntimeException.class, () -> runs.save(run));
        assertEquals(1, runs.count());
    }

    @Test
    void runsAreQueriedByJourneyLocationAndTimeNewestFirst() {
        for (int minute = 0; minute < 5; minute++) {
            runs.save(run("checkout", "eu-west", T0.plus(minute, ChronoUnit.MINUTES), Outcome.UP));
            runs.save(run("checkout", "us-east", T0.plus(minute, ChronoUnit.MINUTES), Outcome.DOWN));
            runs.save(run("search", "eu-west", T0.plus(minute, ChronoUnit.MINUTES), Outcome.UP));
        }
        Instant from = T0.plus(1, ChronoUnit.MINUTES);
        Instant to = T0.plus(4, ChronoUnit.MINUTES);

        List<StoredRun> euWest = runs
                .findByJourneyAndLocationAndPlannedAtGreaterThanEqualsAndPlannedAtLessThanOrderByPlannedAtDesc(
                        "checkout", "eu-west", from, to);
        assertEquals(List.of(T0.plus(3, ChronoUnit.MINUTES), T0.plus(2, ChronoUnit.MINUTES), from),
                euWest.stream().map(StoredRun::plannedAt).toList());
        assertTrue(euWest.stream().allMatch(r -> r.location().equals("eu-west") && r.journey().equals("checkout")));

        List<StoredRun> everywhere = runs
                .findByJourneyAndPlannedAtGreaterThanEqualsAndPlannedAtLessThanOrderByPlannedAtDesc("checkout", from, to);
        assertEquals(6, everywhere.size());
    }

    @Test
    void retentionRemovesOldRunsWithTheirSteps() {
        StoredRun old = run("checkout", "eu-west", T0, Outcome.UP);
        StoredRun recent = run("checkout", "eu-west", T0.plus(2, ChronoUnit.DAYS), Outcome.UP);
        runs.save(old);
        runs.save(recent);
        steps.save(step(old.id(), 0, "login", StepOutcome.PASSED, 10L));
        steps.save(step(recent.id(), 0, "login", StepOutcome.PASSED, 10L));

        assertEquals(1, runs.deleteByPlannedAtLessThan(T0.plus(1, ChronoUnit.DAYS)));

        assertEquals(List.of(recent.id()), runs.findAll().stream().map(StoredRun::id).toList());
        assertEquals(List.of(), steps.findByKeyRunIdOrderByKeyIndex(old.id()));
        assertEquals(1, steps.findByKeyRunIdOrderByKeyIndex(recent.id()).size());
    }

    @Test
    void rollupHistogramsRoundTripAndAreQueriedByWidthAndTime() {
        Histogram histogram = new Histogram(3);
        for (long micros = 1_000; micros <= 900_000; micros += 1_000) {
            histogram.recordValue(micros);
        }
        byte[] bytes = compressed(histogram);
        for (int minute = 0; minute < 3; minute++) {
            Instant bucket = T0.plus(minute, ChronoUnit.MINUTES);
            journeyRollups.save(new JourneyRollup(
                    new JourneyRollup.Key("checkout", "eu-west", 60, bucket), 3, 1, 1, 0, bytes));
            stepRollups.save(new StepRollup(
                    new StepRollup.Key("checkout", "login", "eu-west", 60, bucket), 5, 0, 0, bytes));
        }
        journeyRollups.save(new JourneyRollup(new JourneyRollup.Key("checkout", "eu-west", 3600, T0), 9, 3, 3, 0, bytes));

        List<JourneyRollup> minutes = journeyRollups
                .findByKeyJourneyAndKeyBucketSecondsAndKeyBucketStartGreaterThanEqualsAndKeyBucketStartLessThanOrderByKeyBucketStart(
                        "checkout", 60, T0, T0.plus(2, ChronoUnit.MINUTES));
        assertEquals(2, minutes.size());
        assertEquals(T0, minutes.get(0).key().bucketStart());
        assertArrayEquals(bytes, minutes.get(0).histogram());
        Histogram decoded = decode(minutes.get(0).histogram());
        assertEquals(histogram.getValueAtPercentile(99), decoded.getValueAtPercentile(99));
        assertEquals(histogram.getTotalCount(), decoded.getTotalCount());

        assertEquals(3, stepRollups
                .findByKeyJourneyAndKeyBucketSecondsAndKeyBucketStartGreaterThanEqualsAndKeyBucketStartLessThanOrderByKeyBucketStart(
                        "checkout", 60, T0, T0.plus(1, ChronoUnit.HOURS)).size());

        assertEquals(3, journeyRollups.deleteByKeyBucketSecondsAndKeyBucketStartLessThan(60, T0.plus(1, ChronoUnit.HOURS)));
        assertEquals(1, journeyRollups.count(), "retention of minute buckets leaves hour buckets alone");
        assertEquals(1, stepRollups.deleteByKeyBucketSecondsAndKeyBucketStartLessThan(60, T0.plus(1, ChronoUnit.MINUTES)));
    }

    static StoredRun run(String journey, String location, Instant planned, Outcome outcome) {
        return new StoredRun(RunIds.of(journey, location, planned), journey, "3f2a9c", location, "probe-" + location,
                planned, planned.plus(1234, ChronoUnit.MICROS), 456_789L, outcome,
                outcome == Outcome.UP ? null : "assertion", outcome == Outcome.UP ? null : "status 500 is not < 400",
                planned.plusSeconds(1));
    }

    static StoredStep step(UUID runId, int index, String name, StepOutcome outcome, Long tlsUs) {
        return new StoredStep(new StoredStep.Key(runId, (short) index), name, outcome, 150_000L, null, 2_000L, tlsUs,
                90_000L, true, (short) 200, outcome == StepOutcome.FAILED ? "assertion" : null,
                outcome == StepOutcome.FAILED ? "status 500 is not < 400" : null,
                outcome == StepOutcome.FAILED ? "[{\"assertion\":\"status < 400\",\"actual\":\"500\"}]" : null,
                "{\"ok\":true}");
    }

    static byte[] compressed(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    static Histogram decode(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }
}

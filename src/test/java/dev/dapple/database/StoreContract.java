package dev.dapple.database;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.dapple.result.StepRollup;
import dev.dapple.result.StepRollupRepository;
import dev.dapple.result.StoredRun;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    JourneyRollupRepository journeyRollups;
    @Inject
    StepRollupRepository stepRollups;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() {
        stepRollups.deleteAll();
        journeyRollups.deleteAll();
        runs.deleteAll();
        versions.deleteAll();
        journeys.deleteAll();
    }

    @Test
    void migrationsAreApplied() throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertEquals("1", versions.getFirst());
            assertTrue(versions.contains("4"), "the Java migration V4 runs too: " + versions);
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
    void aRunRowRoundTripsWithItsDetail() {
        StoredRun run = run("checkout", "eu-west", T0, Outcome.DEGRADED);
        runs.save(run);
        assertEquals(run, runs.findById(run.id()).orElseThrow());
    }

    @Test
    void aMissedRunHasNoStartOrDuration() {
        StoredRun missed = new StoredRun(RunIds.of("checkout", "us-east", T0), "checkout", "us-east", T0, null, null,
                Outcome.ERROR, T0.plusSeconds(60), new byte[] {1, 2, 3});
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
    void retentionRemovesOldRuns() {
        StoredRun old = run("checkout", "eu-west", T0, Outcome.UP);
        StoredRun recent = run("checkout", "eu-west", T0.plus(2, ChronoUnit.DAYS), Outcome.UP);
        runs.save(old);
        runs.save(recent);

        assertEquals(1, runs.deleteByPlannedAtLessThan(T0.plus(1, ChronoUnit.DAYS)));

        assertEquals(List.of(recent.id()), runs.findAll().stream().map(StoredRun::id).toList());
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
        return new StoredRun(RunIds.of(journey, location, planned), journey, location, planned,
                planned.plus(1234, ChronoUnit.MICROS), 456_789L, outcome, planned.plusSeconds(1),
                new byte[] {1, (byte) outcome.ordinal(), (byte) 0xFF});
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

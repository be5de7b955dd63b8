package dev.dapple.rollup;

import dev.dapple.maintenance.TestCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloCounts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The application's {@link SloCounts} bean classifies with the journeys as the catalog publishes them: a journey
 * published with {@code degraded: bad} and a latency objective counts its runs so, one that is not published with the
 * defaults. Runs planned minutes ago, not rolled up yet: they come from the raw runs.
 */
@MicronautTest(transactional = false)
class PublishedSloCountsTest {

    @Inject
    SloCounts sloCounts;
    @Inject
    DataSource dataSource;
    @Inject
    RunRecords records;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    PublishedJourneyRepository journeys;
    @Inject
    Clock clock;

    @Test
    void theBeanCountsWithThePublishedDefinitions() throws SQLException {
        RollupTesting.empty(dataSource);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // as stored: the database keeps microseconds
        String yaml = SloJourneys.yaml("strict", "slo:\n  availability: 99%\n  degraded: bad\n"
                + "  latency: { below: 1s, target: 99% }");
        versions.save(new JourneyVersion(new JourneyVersion.Key("strict", "abc"), yaml, now));
        journeys.save(new PublishedJourney("strict", "abc", "strict.yaml", now));
        Instant planned = now.minus(Duration.ofMinutes(5));
        List<RunResult> runs = List.of(
                TestResults.run("strict", "eu-west", planned, Outcome.DEGRADED, 0, 100_000, 100_000, 100_000),
                TestResults.run("strict", "eu-west", planned.plusSeconds(60), Outcome.UP, 0, 600_000, 400_000, 100),
                TestResults.run("gone", "eu-west", planned, Outcome.DEGRADED, 0, 100_000, 100_000, 100_000));
        new RunWriter(dataSource, records, clock).write(runs);

        assertInstanceOf(RollupSloCounts.class, sloCounts);
        SloCounts.Counts strict = sloCounts.count("strict", planned, now);
        assertEquals(new EventCounts(1, 1), strict.pooled(Objective.AVAILABILITY), "degraded: bad");
        assertEquals(new EventCounts(1, 1), strict.pooled(Objective.LATENCY), "300 ms good, 1000.1 ms bad");
        SloCounts.Counts gone = ((RollupSloCounts) sloCounts).countAll(planned, now).get("gone");
        assertEquals(new EventCounts(1, 0), gone.pooled(Objective.AVAILABILITY), "not published: degraded is good");
        assertEquals(new EventCounts(0, 0), gone.pooled(Objective.LATENCY));
    }

    @Test
    void aDatabaseErrorIsReportedNotCountedAsNothing() {
        JdbcDataSource empty = new JdbcDataSource();
        empty.setURL("jdbc:h2:mem:no-tables-here");
        RollupSloCounts broken = new RollupSloCounts(new RollupStore(empty), new RunReader(empty, records),
                RollupContract.RETENTION, new SloClassifier(List::of, new TestCalendar()), clock);
        Instant to = Instant.parse("2026-11-20T10:00:00Z");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> broken.count("checkout", to.minus(Duration.ofHours(1)), to));
        assertTrue(error.getMessage().startsWith("SLO counts of checkout in [2026-11-20T09:00:00Z, 2026-11-20T10:00:00Z)"
                + " cannot be read: "), error.getMessage());
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> broken.count("checkout", to, to.minusSeconds(1)));
        assertEquals("an SLO span must not end (2026-11-20T09:59:59Z) before it starts (2026-11-20T10:00:00Z)",
                backwards.getMessage());
    }
}

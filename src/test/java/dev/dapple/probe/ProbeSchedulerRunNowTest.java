package dev.dapple.probe;

import static dev.dapple.probe.RecordingRuns.journey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.result.RunResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A manual run: once, now, under the scheduled runs' cap, and never reported as a scheduled run. */
class ProbeSchedulerRunNowTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant BETA = Instant.parse("2025-01-01T00:00:20.265Z"); // beta's phase in 1m

    private final TestTime time = new TestTime(T0);
    private final RecordingRuns runs = new RecordingRuns(time);
    private final ProbeScheduler scheduler = new ProbeScheduler("test-location", "test-probe", runs, runs,
            new ProbeSchedulerConfiguration(1, Duration.ofSeconds(10)), time, time, new SimpleMeterRegistry());

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aManualRunIsPlannedNowAndReturnedNotReported() {
        time.advanceTo(T0.plusSeconds(7));

        RunResult result = scheduler.runNow(journey("alpha", "1m", "manual")).orElseThrow();

        assertEquals(T0.plusSeconds(7), result.plannedAt());
        assertEquals("test-location", result.location());
        assertEquals("test-probe", result.probe());
        assertEquals(List.of(), runs.results(), "the sink only gets scheduled runs");
    }

    @Test
    void aManualRunTakesNoSlotBeyondTheCap() throws Exception {
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "scheduled")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta"); // holds the only permit

        Optional<RunResult> refused = scheduler.runNow(journey("alpha", "1m", "manual"));

        assertTrue(refused.isEmpty());
        runs.release("beta");
        runs.await(1);
        assertTrue(scheduler.runNow(journey("alpha", "1m", "manual")).isPresent(), "the slot is free again");
    }

    @Test
    void aClosedSchedulerRunsNothing() {
        scheduler.close();

        assertThrows(IllegalStateException.class, () -> scheduler.runNow(journey("alpha", "1m", "manual")));
    }
}

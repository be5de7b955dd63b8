package dev.dapple.probe;

import static dev.dapple.probe.RecordingRuns.journey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler on test time: nothing here sleeps; time moves when a test advances it. */
class ProbeSchedulerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    // Phases in a 1m interval (PlannedTimesTest's formula): beta 20.265s, alpha 42.974s.
    private static final Instant BETA = Instant.parse("2025-01-01T00:00:20.265Z");
    private static final Instant ALPHA = Instant.parse("2025-01-01T00:00:42.974Z");

    private final TestTime time = new TestTime(T0);
    private final RecordingRuns runs = new RecordingRuns(time);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ProbeScheduler scheduler = scheduler(200, Duration.ofSeconds(10));

    private ProbeScheduler scheduler(int cap, Duration grace) {
        return new ProbeScheduler("test-location", "test-probe", runs, runs,
                new ProbeSchedulerConfiguration(cap, grace), time, time, registry);
    }

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void everyRunIsPlannedOnTheEpochScheduleWithoutDriftOverTenThousandIntervals() throws Exception {
        scheduler.assign(List.of(journey("beta", "1m", "steady")));
        for (int i = 0; i < 10_000; i++) {
            Instant planned = BETA.plus(MINUTE.multipliedBy(i));
            // Wake-ups land anywhere in the interval; the planned times must not move with them.
            time.advanceTo(planned.plusMillis(i % 7 * 997));
            RunResult result = runs.await(i + 1).get(i);
            assertEquals(planned, result.plannedAt());
            assertEquals(planned.plusMillis(i % 7 * 997), result.startedAt());
            assertEquals(RunIds.of("beta", "test-location", planned), result.id());
        }
        assertEquals(BETA.plus(MINUTE.multipliedBy(10_000)), scheduler.nextPlanned("beta"));
    }

    @Test
    void aRunStillWaitingForAPermitAtItsNextPlannedTimeIsReportedMissed() throws Exception {
        scheduler = scheduler(1, Duration.ofSeconds(10));
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "first"), journey("alpha", "1m", "second")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        time.advanceTo(ALPHA);
        time.awaitAcquiring(1);
        time.advanceTo(ALPHA.plus(MINUTE)); // alpha waited for the only permit all along

        RunResult missed = runs.await(1).getFirst();
        assertEquals(RunIds.of("alpha", "test-location", ALPHA), missed.id());
        assertEquals(ALPHA, missed.plannedAt());
        assertEquals(Outcome.ERROR, missed.outcome());
        assertEquals(ErrorKind.MISSED, missed.errorKind());
        assertNull(missed.startedAt());
        assertNull(missed.durationUs());
        assertEquals("could not start before its next planned time (probe saturated: 1 runs in progress)", missed.error());
        assertEquals("test-probe", missed.probe());

        runs.release("beta");
        // Then beta's run, its next one (late) and alpha's next one, in whichever order they got the permit.
        List<RunResult> results = runs.await(4);
        assertEquals(Set.of("beta@" + BETA, "beta@" + BETA.plus(MINUTE), "alpha@" + ALPHA.plus(MINUTE)),
                results.stream().skip(1).map(r -> r.journey() + "@" + r.plannedAt()).collect(Collectors.toSet()));
        assertTrue(results.stream().skip(1).allMatch(r -> r.outcome() == Outcome.UP), results::toString);
    }

    @Test
    void plannedTimesPassedWhileTheProbeWasPausedAreReportedMissedNotRunBackToBack() throws Exception {
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        runs.await(1);
        time.advanceTo(BETA.plus(MINUTE.multipliedBy(3)).plusSeconds(1)); // the machine slept three minutes

        List<RunResult> results = runs.await(4);
        assertEquals(List.of(ErrorKind.MISSED, ErrorKind.MISSED),
                results.subList(1, 3).stream().map(RunResult::errorKind).toList());
        assertEquals("could not start before its next planned time (the probe was paused or overloaded)",
                results.get(1).error());
        assertEquals(List.of(BETA.plus(MINUTE), BETA.plus(MINUTE.multipliedBy(2)), BETA.plus(MINUTE.multipliedBy(3))),
                results.subList(1, 4).stream().map(RunResult::plannedAt).toList());
        assertEquals(Outcome.UP, results.get(3).outcome());
        assertEquals(BETA.plus(MINUTE.multipliedBy(3)).plusSeconds(1), results.get(3).startedAt());
    }

    @Test
    void theJourneyRunnerIsARunExecutor() {
        Function<JourneyRunner, RunExecutor> production = runner -> runner::run;
        assertNotNull(production);
    }

    @Test
    void aLateStartIsInTheResultAndRunsInProgressAreAGauge() throws Exception {
        scheduler.close(); // its gauge would be the one registered under this location
        scheduler = scheduler(1, Duration.ofSeconds(10));
        Gauge running = registry.get("dapple.probe.running.runs").tag("location", "test-location").gauge();
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "first"), journey("alpha", "1m", "second")));
        assertEquals(0, running.value());
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        assertEquals(1, running.value());
        time.advanceTo(ALPHA.plusSeconds(3));
        runs.release("beta");

        // Lateness (startedAt - plannedAt) is metered from results by RunMetrics, so remote probes count too.
        RunResult alpha = runs.await(2).stream().filter(r -> r.journey().equals("alpha")).findFirst().orElseThrow();
        assertEquals(ALPHA, alpha.plannedAt());
        assertEquals(ALPHA.plusSeconds(3), alpha.startedAt());
        assertTrue(registry.find("dapple.schedule.lateness").meters().isEmpty(), "one source of lateness");
        scheduler.close();
        assertEquals(0, running.value());
        assertTrue(registry.find("dapple.probe.running.runs").meters().isEmpty(), "a closed scheduler's gauge goes");
    }

    @Test
    void assignedJourneysAreAddedChangedAndRemoved() throws Exception {
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        String v1 = runs.await(1).getFirst().journeyVersion();

        time.advanceTo(BETA.plusSeconds(1));
        Journey v2 = journey("beta", "1m", "v2");
        scheduler.assign(List.of(v2, journey("alpha", "1m", "added")));
        assertEquals(Set.of("alpha", "beta"), scheduler.assigned());
        assertEquals(ALPHA, scheduler.nextPlanned("alpha")); // the next planned time, not now
        time.advanceTo(ALPHA);
        assertEquals("alpha", runs.await(2).get(1).journey());
        time.advanceTo(BETA.plus(MINUTE));
        RunResult changed = runs.await(3).get(2);
        assertEquals(BETA.plus(MINUTE), changed.plannedAt());
        assertEquals(v2.contentHash(), changed.journeyVersion());
        assertNotEquals(v1, changed.journeyVersion());

        // A new interval switches to the new schedule from its next planned time on.
        scheduler.assign(List.of(journey("beta", "2m", "v3"), journey("alpha", "1m", "added")));
        Instant twoMinutes = PlannedTimes.next("beta", Duration.ofMinutes(2), time.instant());
        assertEquals(twoMinutes, scheduler.nextPlanned("beta"));

        scheduler.assign(List.of(journey("alpha", "1m", "added")));
        assertEquals(Set.of("alpha"), scheduler.assigned());
        assertNull(scheduler.nextPlanned("beta"));
        time.advanceTo(ALPHA.plus(MINUTE));
        assertEquals("alpha", runs.await(4).get(3).journey());
        time.advanceTo(ALPHA.plus(MINUTE.multipliedBy(3)));
        List<RunResult> results = runs.await(6);
        assertTrue(results.stream().skip(3).allMatch(r -> r.journey().equals("alpha")), results::toString);
    }

    @Test
    void aRemovedJourneysRunInProgressFinishesAndIsReported() throws Exception {
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        scheduler.assign(List.of());
        runs.release("beta");
        RunResult result = runs.await(1).getFirst();
        assertEquals(Outcome.UP, result.outcome());
        assertEquals(BETA, result.plannedAt());
    }

    @Test
    void neverTwoRunsOfOneJourneyAtOnce() throws Exception {
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        // The interval changes while a run is in progress: the new schedule must wait for it.
        scheduler.assign(List.of(journey("beta", "2m", "v2")));
        Instant first = scheduler.nextPlanned("beta");
        time.advanceTo(first);
        time.awaitAcquiring(1);
        time.advanceTo(first.plus(Duration.ofMinutes(2))); // held past the new schedule's first interval
        runs.await(1); // the new schedule's first run gave up waiting for the old run
        runs.release("beta");

        List<RunResult> results = runs.await(3);
        assertEquals(ErrorKind.MISSED, results.getFirst().errorKind());
        assertEquals(first, results.getFirst().plannedAt());
        assertEquals("could not start before its next planned time (its previous run was still in progress)",
                results.getFirst().error());
        assertEquals(BETA, results.get(1).plannedAt());
        assertEquals(Outcome.UP, results.get(2).outcome());
        assertEquals(first.plus(Duration.ofMinutes(2)), results.get(2).plannedAt());
        assertEquals(1, runs.maxRunningOfOneJourney());
    }

    @Test
    void aRunThatThrowsIsReportedAsAProbeErrorAndTheScheduleGoesOn() throws Exception {
        scheduler = new ProbeScheduler("test-location", "test-probe", (journey, plan) -> {
            throw new IllegalStateException("boom");
        }, runs, ProbeSchedulerConfiguration.DEFAULTS, time, time, null);
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        RunResult result = runs.await(1).getFirst();
        assertEquals(ErrorKind.INTERNAL, result.errorKind());
        assertEquals(BETA, result.startedAt());
        time.advanceTo(BETA.plus(MINUTE));
        assertEquals(BETA.plus(MINUTE), runs.await(2).get(1).plannedAt());
    }

    @Test
    void closeWaitsForARunInProgressAndReportsIt() throws Exception {
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "v1"), journey("alpha", "1m", "v1")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(scheduler::close);
        while (!scheduler.isClosed()) {
            Thread.onSpinWait();
        }
        assertFalse(closing.isDone());
        runs.release("beta");
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("beta"), runs.results().stream().map(RunResult::journey).toList());
        assertThrows(IllegalStateException.class, () -> scheduler.assign(List.of()));
        time.advanceTo(ALPHA.plus(MINUTE));
        assertEquals(1, runs.results().size()); // alpha was stopped, not run
    }

    @Test
    void closeGivesUpOnARunAfterTheGracePeriod() throws Exception {
        scheduler = scheduler(200, Duration.ofMillis(50)); // the one real wait here: the grace period itself
        runs.hold("beta");
        scheduler.assign(List.of(journey("beta", "1m", "v1")));
        time.advanceTo(BETA);
        runs.awaitStarted("beta");
        long start = System.nanoTime();
        scheduler.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }
}

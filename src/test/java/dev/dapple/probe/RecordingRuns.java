package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dapple.journey.Journey;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@link RunExecutor} and a collecting {@link RunSink} for the scheduler's tests: runs return UP at once
 * unless their journey is held, and every run's concurrency is counted.
 */
final class RecordingRuns implements RunExecutor, RunSink {

    private final Clock clock;
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger maxRunningOfOneJourney = new AtomicInteger();
    private final List<RunResult> results = new ArrayList<>(); // guarded by this

    RecordingRuns(Clock clock) {
        this.clock = clock;
    }

    static Journey journey(String name, String interval, String description) {
        return TestJourneys.parse("""
                name: %s
                description: %s
                interval: %s
                steps:
                  - name: ping
                    get: http://127.0.0.1:1/
                """.formatted(name, description, interval));
    }

    /** Runs of {@code journey} block until {@link #release}. */
    void hold(String journey) {
        holds.put(journey, new CountDownLatch(1));
        started.put(journey, new CountDownLatch(1));
    }

    void release(String journey) {
        holds.get(journey).countDown();
    }

    void awaitStarted(String journey) throws InterruptedException {
        assertTrue(started.get(journey).await(10, TimeUnit.SECONDS), journey + " did not start");
    }

    @Override
    public RunResult run(Journey journey, RunPlan plan) {
        Instant startedAt = clock.instant();
        AtomicInteger now = running.computeIfAbsent(journey.name(), name -> new AtomicInteger());
        maxRunningOfOneJourney.accumulateAndGet(now.incrementAndGet(), Math::max);
        try {
            CountDownLatch start = started.get(journey.name());
            if (start != null) {
                start.countDown();
            }
            CountDownLatch hold = holds.get(journey.name());
            if (hold != null) {
                hold.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            now.decrementAndGet();
        }
        return new RunResult(RunIds.of(journey.name(), plan.location(), plan.plannedAt()), journey.name(),
                journey.contentHash(), plan.location(), plan.probe(), plan.plannedAt(), startedAt,
                Duration.between(startedAt, clock.instant()).toNanos() / 1_000, Outcome.UP, null, null, List.of());
    }

    int maxRunningOfOneJourney() {
        return maxRunningOfOneJourney.get();
    }

    @Override
    public synchronized void accept(RunResult result) {
        results.add(result);
        notifyAll();
    }

    synchronized List<RunResult> results() {
        return List.copyOf(results);
    }

    /** Waits (real time, bounded) for at least {@code count} results. */
    synchronized List<RunResult> await(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (results.size() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                fail("expected " + count + " results, got " + results);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(results);
    }
}

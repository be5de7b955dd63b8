package dev.dapple.probe;

import dev.dapple.journey.Journey;
import dev.dapple.result.RunResult;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * One journey's loop on its own virtual thread: wait for the planned time, take a permit, run, report, repeat. Each
 * planned time comes from the epoch-aligned schedule, never from adding up sleeps, so the loop cannot drift.
 * Interrupted only while waiting, so a run in progress always finishes and is reported.
 */
final class JourneySchedule implements Runnable {

    private final ProbeScheduler scheduler;
    private final Semaphore guard;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile Journey journey;
    private volatile Instant planned;
    private boolean busy; // guarded by lock: running or reporting, not to be interrupted
    private boolean stopped; // guarded by lock

    JourneySchedule(Journey journey, Semaphore guard, Instant firstPlanned, ProbeScheduler scheduler) {
        this.journey = journey;
        this.guard = guard;
        this.planned = firstPlanned;
        this.scheduler = scheduler;
        this.thread = Thread.ofVirtual().name("probe-" + journey.name()).unstarted(this);
    }

    String name() {
        return journey.name();
    }

    Journey journey() {
        return journey;
    }

    Semaphore guard() {
        return guard;
    }

    Thread thread() {
        return thread;
    }

    /** The planned time of the run waited for or in progress, or once it started, the next one. */
    Instant planned() {
        return planned;
    }

    void start() {
        thread.start();
    }

    /** A new version of the same journey with the same interval: its next run uses it. */
    void update(Journey newVersion) {
        journey = newVersion;
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            if (!busy) {
                thread.interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                idle();
                Instant plannedAt = planned;
                waitUntil(plannedAt);
                Instant next = PlannedTimes.next(journey.name(), journey.interval(), plannedAt);
                planned = next;
                runPlanned(plannedAt, next);
            }
        } catch (InterruptedException e) {
            // Stopped while waiting: nothing was started for this planned time.
        } finally {
            scheduler.ended(this);
        }
    }

    private void runPlanned(Instant plannedAt, Instant next) throws InterruptedException {
        RunResult result = attempt(plannedAt, next);
        if (result != null) {
            scheduler.report(result); // after the permit is back: the cap counts runs, not deliveries
        }
    }

    /** The run's result, or why it was missed; null when the schedule was stopped meanwhile. */
    private @Nullable RunResult attempt(Instant plannedAt, Instant next) throws InterruptedException {
        Ticker ticker = scheduler.ticker();
        if (!scheduler.clock().instant().isBefore(next)) {
            // Woken past the next planned time (a suspended machine, a starved probe): catching up would run the
            // journey back to back, so each planned time passed is reported missed instead.
            busy();
            return scheduler.missed(journey, plannedAt, "the probe was paused or overloaded");
        }
        long deadline = monotonicAt(next);
        if (!ticker.acquire(guard, deadline)) {
            busy();
            return scheduler.missed(journey, plannedAt, "its previous run was still in progress");
        }
        try {
            if (!ticker.acquire(scheduler.permits(), deadline)) {
                String reason = scheduler.saturation();
                busy();
                return scheduler.missed(journey, plannedAt, reason);
            }
            try {
                busy();
                return scheduler.execute(journey, plannedAt); // the newest version of the journey
            } finally {
                scheduler.permits().release();
            }
        } finally {
            guard.release();
        }
    }

    /** Waits on the monotonic ticker, re-reading the wall clock after each wait in case it was stepped. */
    private void waitUntil(Instant instant) throws InterruptedException {
        long deadline;
        while ((deadline = monotonicAt(instant)) - scheduler.ticker().nanoTime() > 0) {
            scheduler.ticker().sleepUntil(deadline);
        }
    }

    /**
     * The ticker's reading at a wall-clock instant. The ticker is read first: time passing between the two reads
     * makes the result early, never late, and an early wake-up just waits again.
     */
    private long monotonicAt(Instant instant) {
        long ticks = scheduler.ticker().nanoTime();
        return ticks + Duration.between(scheduler.clock().instant(), instant).toNanos();
    }

    private void idle() throws InterruptedException {
        synchronized (lock) {
            if (stopped) {
                throw new InterruptedException("stopped");
            }
            busy = false;
        }
    }

    private void busy() throws InterruptedException {
        synchronized (lock) {
            if (stopped) {
                throw new InterruptedException("stopped");
            }
            busy = true;
            Thread.interrupted(); // an interrupt that raced with this step belongs to the wait that just ended
        }
    }
}

package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;

/**
 * Wall clock and monotonic ticker in one, moving only when the test says: the scheduler's waits end when the test
 * advances past their deadline, so scheduling tests never sleep.
 */
final class TestTime extends Clock implements Ticker {

    private static final long TIMEOUT_NANOS = Duration.ofSeconds(10).toNanos();

    private long nanos; // since the epoch; guarded by this
    private int acquiring; // threads waiting in acquire; guarded by this

    TestTime(Instant start) {
        nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(0, nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    synchronized void advanceTo(Instant instant) {
        long target = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        if (target < nanos) {
            throw new IllegalArgumentException("time only moves forward: " + instant + " is before " + instant());
        }
        nanos = target;
        notifyAll();
    }

    void advance(Duration duration) {
        advanceTo(instant().plus(duration));
    }

    @Override
    public synchronized void sleepUntil(long deadline) throws InterruptedException {
        while (nanos < deadline) {
            wait();
        }
    }

    @Override
    public boolean acquire(Semaphore permits, long deadline) throws InterruptedException {
        if (permits.tryAcquire()) {
            return true;
        }
        synchronized (this) {
            acquiring++;
            notifyAll();
            try {
                // A released permit does not notify this monitor: poll it briefly while test time stands still.
                while (!permits.tryAcquire()) {
                    if (nanos >= deadline) {
                        return false;
                    }
                    wait(1);
                }
                return true;
            } finally {
                acquiring--;
            }
        }
    }

    /**
     * Waits (in real time, bounded) until {@code threads} scheduler threads wait for a permit, so that the test's
     * next step finds them waiting rather than still on their way.
     */
    synchronized void awaitAcquiring(int threads) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT_NANOS;
        while (acquiring < threads) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                fail("expected " + threads + " threads waiting for a permit, found " + acquiring);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}

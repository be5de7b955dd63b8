package dev.dapple.probe.agent;

import dev.dapple.probe.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wall clock and monotonic ticker running {@code speed} times faster than real time, so journeys with the shortest
 * allowed interval (10 s) run several times a second in a test, on the real scheduler, without sleeping for them.
 */
final class FastTime extends Clock implements Ticker {

    private final Instant start;
    private final long speed;
    private final long origin = System.nanoTime();

    FastTime(Instant start, long speed) {
        this.start = start;
        this.speed = speed;
    }

    @Override
    public long nanoTime() {
        return (System.nanoTime() - origin) * speed;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanoTime());
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
    public void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left / speed + 1);
        }
    }

    @Override
    public boolean acquire(Semaphore permits, long deadline) throws InterruptedException {
        return permits.tryAcquire(Math.max(0, (deadline - nanoTime()) / speed), TimeUnit.NANOSECONDS);
    }
}

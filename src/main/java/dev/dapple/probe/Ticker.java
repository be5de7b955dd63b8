package dev.dapple.probe;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The monotonic time the scheduler waits on, so a wall-clock step (NTP, a suspended VM) cannot stretch a wait, and
 * tests can replace it with time that moves only when they say.
 */
public interface Ticker {

    Ticker SYSTEM = new Ticker() {
    };

    default long nanoTime() {
        return System.nanoTime();
    }

    /** Returns once {@link #nanoTime()} has reached {@code deadline}. */
    default void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Takes a permit, waiting at most until {@code deadline}; false when the deadline came first. */
    default boolean acquire(Semaphore permits, long deadline) throws InterruptedException {
        return permits.tryAcquire(Math.max(0, deadline - nanoTime()), TimeUnit.NANOSECONDS);
    }
}

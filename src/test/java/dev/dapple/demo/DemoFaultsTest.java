package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoFaultsTest {

    private static DemoFaults faults(Duration latency, Duration jitter, long seed) {
        var config = new DemoShopConfiguration(true, latency, jitter, 0, 0.2, "demo");
        RandomGenerator random = new SplittableRandom(seed);
        return new DemoFaults(config, () -> random);
    }

    @Test
    void delayIsLatencyPlusUpToTheJitter() {
        var faults = faults(Duration.ofMillis(20), Duration.ofMillis(10), 1);
        for (int i = 0; i < 1000; i++) {
            Duration delay = faults.delay();
            assertTrue(delay.compareTo(Duration.ofMillis(20)) >= 0 && delay.compareTo(Duration.ofMillis(30)) <= 0, delay.toString());
        }
    }

    @Test
    void noJitterMeansExactlyTheLatency() {
        assertEquals(Duration.ofMillis(20), faults(Duration.ofMillis(20), Duration.ZERO, 1).delay());
    }

    @Test
    void ratesZeroAndOneAreNeverAndAlways() {
        var faults = faults(Duration.ZERO, Duration.ZERO, 7);
        assertTrue(IntStream.range(0, 1000).noneMatch(i -> faults.fails(0)));
        assertTrue(IntStream.range(0, 1000).allMatch(i -> faults.fails(1)));
    }

    @Test
    void aRateFailsAboutThatShare() {
        var faults = faults(Duration.ZERO, Duration.ZERO, 42); // seeded: the count is the same on every run
        long failures = IntStream.range(0, 10_000).filter(i -> faults.fails(0.2)).count();
        assertTrue(failures > 1800 && failures < 2200, "failures: " + failures);
    }

    @Test
    void pickGivesDistinctIndexesInRange() {
        var faults = faults(Duration.ZERO, Duration.ZERO, 3);
        int[] picked = faults.pick(3, 12);
        assertEquals(3, Arrays.stream(picked).distinct().filter(i -> i >= 0 && i < 12).count());
        assertEquals(2, faults.pick(5, 2).length);
    }
}

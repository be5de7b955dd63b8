package dev.dapple.demo;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The demo shop's chance: how long a response is held back and whether it fails. Tests pass a seeded source. */
@Singleton
@Requires(bean = DemoShopConfiguration.class)
final class DemoFaults {

    private final DemoShopConfiguration config;
    private final Supplier<RandomGenerator> random;
    private volatile double failureRate; // starts at the configured rate; PUT /api/demo/faults changes it

    @Inject
    DemoFaults(DemoShopConfiguration config) {
        // ThreadLocalRandom: requests arrive on many threads at once; a shared Random would contend.
        this(config, ThreadLocalRandom::current);
    }

    DemoFaults(DemoShopConfiguration config, Supplier<RandomGenerator> random) {
        this.config = config;
        this.random = random;
        this.failureRate = config.failureRate();
    }

    /** The configured latency plus a uniform share of the jitter. */
    Duration delay() {
        long jitterNanos = config.jitter().toNanos();
        long extra = jitterNanos == 0 ? 0 : random.get().nextLong(jitterNanos + 1);
        return config.latency().plusNanos(extra);
    }

    /** True with probability {@code rate}: 0 never fails, 1 always does. */
    boolean fails(double rate) {
        return rate > 0 && random.get().nextDouble() < rate;
    }

    boolean injectedFailure() {
        return fails(failureRate);
    }

    double failureRate() {
        return failureRate;
    }

    /** Changes the share of failed demo requests until the next restart, to drill an outage and its recovery. */
    void failureRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1, not " + rate);
        }
        failureRate = rate;
    }

    boolean flakyFailure() {
        return fails(config.flakyFailureRate());
    }

    /** Picks {@code count} distinct indexes below {@code bound}, in random order. */
    int[] pick(int count, int bound) {
        return random.get().ints(0, bound).distinct().limit(Math.min(count, bound)).toArray();
    }
}

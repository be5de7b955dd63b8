package dev.dapple.alert;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: before retry n (after n failed attempts) wait a random time between 0 and
 * min(cap, base × 2^(n-1)). The randomness spreads the retries of many messages instead of bunching them.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    /** The wait after {@code failedAttempts} failed attempts (at least 1). */
    public Duration delay(int failedAttempts) {
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        int doublings = Math.max(0, failedAttempts - 1);
        // Past 62 doublings the shift overflows; long before that the cap applies.
        long upper = doublings >= 62 || baseMillis > (capMillis >> doublings) ? capMillis : baseMillis << doublings;
        return Duration.ofMillis((long) Math.floor(random.nextDouble() * (upper + 1)));
    }
}

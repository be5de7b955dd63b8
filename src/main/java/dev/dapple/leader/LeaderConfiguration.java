package dev.dapple.leader;

import dev.dapple.config.RawConfig;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The leader lease's timing ({@code dapple.leader.*}).
 *
 * @param leaseDuration how long a lease lasts without renewal: the longest a crashed leader blocks a takeover
 * @param renewInterval how often every instance tries to take or renew the lease
 */
@ConfigurationProperties(LeaderConfiguration.PREFIX)
public record LeaderConfiguration(Duration leaseDuration, Duration renewInterval) {

    static final String PREFIX = "dapple.leader";
    static final String LEASE_DURATION_KEY = PREFIX + ".lease-duration";
    static final String RENEW_INTERVAL_KEY = PREFIX + ".renew-interval";

    public LeaderConfiguration {
        requirePositive(LEASE_DURATION_KEY, leaseDuration);
        requirePositive(RENEW_INTERVAL_KEY, renewInterval);
        if (renewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException(RENEW_INTERVAL_KEY + " (" + renewInterval + ") must be shorter than "
                    + LEASE_DURATION_KEY + " (" + leaseDuration + "), or the lease lapses between renewals");
        }
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    LeaderConfiguration(@Nullable String leaseDuration, @Nullable String renewInterval) {
        this(duration(LEASE_DURATION_KEY, leaseDuration, Duration.ofSeconds(15)),
                duration(RENEW_INTERVAL_KEY, renewInterval, Duration.ofSeconds(5)));
    }

    private static Duration duration(String key, @Nullable String value, Duration fallback) {
        return RawConfig.convert(key, value, Duration.class, fallback, "a duration like 15s or 500ms");
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration like 15s, not " + value);
        }
    }
}

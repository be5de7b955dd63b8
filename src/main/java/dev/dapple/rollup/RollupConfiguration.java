package dev.dapple.rollup;

import dev.dapple.config.RawConfig;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How rollups are derived ({@code dapple.rollups.*}).
 *
 * @param grace how long after a minute ends the leader waits for its late results before deriving it; a result
 *              arriving later still re-derives its buckets, at the cost of rewriting them
 */
@ConfigurationProperties(RollupConfiguration.PREFIX)
public record RollupConfiguration(Duration grace) {

    static final String PREFIX = "dapple.rollups";
    static final String GRACE_KEY = PREFIX + ".grace";

    public RollupConfiguration {
        if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(GRACE_KEY + " must be a duration from 0s to 1h, like 1m, not " + grace);
        }
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    RollupConfiguration(@Nullable String grace) {
        this(RawConfig.convert(GRACE_KEY, grace, Duration.class, Duration.ofMinutes(1), "a duration like 1m or 30s"));
    }
}

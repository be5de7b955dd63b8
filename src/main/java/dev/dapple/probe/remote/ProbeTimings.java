package dev.dapple.probe.remote;

import static dev.dapple.config.RawConfig.convert;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How often probes report and pull, and when one counts as silent ({@code dapple.probe.heartbeat-interval},
 * {@code heartbeat-expiry}, {@code pull-interval}). The server sends them to remote probes in {@link Welcome}, so
 * they are set in one place. A silent probe's journeys move to the others within the expiry plus one pull interval.
 */
public record ProbeTimings(Duration heartbeatInterval, Duration heartbeatExpiry, Duration pullInterval) {

    static final String INTERVAL_KEY = "dapple.probe.heartbeat-interval";
    static final String EXPIRY_KEY = "dapple.probe.heartbeat-expiry";
    static final String PULL_KEY = "dapple.probe.pull-interval";
    public static final ProbeTimings DEFAULTS = new ProbeTimings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    public ProbeTimings {
        positive(INTERVAL_KEY, heartbeatInterval);
        positive(EXPIRY_KEY, heartbeatExpiry);
        positive(PULL_KEY, pullInterval);
        if (heartbeatExpiry.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException(EXPIRY_KEY + " (" + heartbeatExpiry + ") must be longer than "
                    + INTERVAL_KEY + " (" + heartbeatInterval + "), or every probe would count as silent between beats");
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }

    /** Eager on the server, so a bad value stops the start; raw text, so the error names the key. */
    @Factory
    static final class FromConfig {

        @Context
        @Requires(notEnv = Environment.CLI)
        ProbeTimings probeTimings(@Nullable @Value("${" + INTERVAL_KEY + ":}") String interval,
                                  @Nullable @Value("${" + EXPIRY_KEY + ":}") String expiry,
                                  @Nullable @Value("${" + PULL_KEY + ":}") String pull) {
            String expected = "a duration like 10s";
            return new ProbeTimings(convert(INTERVAL_KEY, interval, Duration.class, DEFAULTS.heartbeatInterval(), expected),
                    convert(EXPIRY_KEY, expiry, Duration.class, DEFAULTS.heartbeatExpiry(), expected),
                    convert(PULL_KEY, pull, Duration.class, DEFAULTS.pullInterval(), expected));
        }
    }
}

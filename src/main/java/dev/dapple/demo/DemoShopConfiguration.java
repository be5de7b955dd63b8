package dev.dapple.demo;

import static dev.dapple.config.RawConfig.convert;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Locale;

/**
 * The built-in demo shop ({@code dapple.demo.*}): its simulated latency, injected faults and login password.
 * Eager ({@link Context}) so a bad value stops the start instead of the first demo request.
 *
 * @param enabled          serve {@code /demo/shop/} at all
 * @param latency          added to every demo response
 * @param jitter           uniform random extra delay on top of {@code latency}, from 0 up to this
 * @param failureRate      share of every demo request answered with 503, for fault drills
 * @param flakyFailureRate share of {@code /recommendations} requests answered with 503
 * @param password         the password any demo user logs in with
 */
@Context
@Requires(property = DemoShopConfiguration.ENABLED, notEquals = "false")
@ConfigurationProperties(DemoShopConfiguration.PREFIX)
public record DemoShopConfiguration(
        boolean enabled, Duration latency, Duration jitter, double failureRate, double flakyFailureRate, String password) {

    static final String PREFIX = "dapple.demo";
    static final String ENABLED = PREFIX + ".enabled";

    public DemoShopConfiguration {
        requireRate("failure-rate", failureRate);
        requireRate("flaky-failure-rate", flakyFailureRate);
        requireNotNegative("latency", latency);
        requireNotNegative("jitter", jitter);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".password must not be empty");
        }
    }

    /**
     * Binds the raw text and converts it here: Micronaut's own binding silently falls back to the default when a
     * value does not convert ({@code failure-rate: often} would mean 0), and its errors name no key.
     */
    @ConfigurationInject
    DemoShopConfiguration(@Nullable String enabled, @Nullable String latency, @Nullable String jitter,
                          @Nullable String failureRate, @Nullable String flakyFailureRate, @Nullable String password) {
        this(bool("enabled", enabled, true),
                convert(PREFIX + ".latency", latency, Duration.class, Duration.ofMillis(20), "a duration like 20ms"),
                convert(PREFIX + ".jitter", jitter, Duration.class, Duration.ofMillis(10), "a duration like 10ms"),
                convert(PREFIX + ".failure-rate", failureRate, Double.class, 0.0, "a number between 0 and 1"),
                convert(PREFIX + ".flaky-failure-rate", flakyFailureRate, Double.class, 0.2, "a number between 0 and 1"),
                password == null ? "demo" : password);
    }

    private static boolean bool(String key, @Nullable String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(PREFIX + "." + key + " must be true or false, not '" + value + "'");
        };
    }


    private static void requireRate(String key, double rate) {
        if (!(rate >= 0 && rate <= 1)) { // also rejects NaN
            throw new IllegalArgumentException(PREFIX + "." + key + " must be between 0 and 1, not " + rate);
        }
    }

    private static void requireNotNegative(String key, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be a duration of 0 or more (like 20ms), not "
                    + (duration == null ? "empty" : asWritten(duration)));
        }
    }

    /** Back in the units people configure ("-3ms"), not ISO-8601 ("PT-0.003S"). */
    private static String asWritten(Duration duration) {
        return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toString();
    }
}

package dev.dapple.alert;

import dev.dapple.config.RawConfig;
import dev.dapple.journey.DurationParser;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How the leader delivers queued alert messages ({@code dapple.alert.delivery.*}).
 *
 * @param interval       how often the dispatcher looks for due messages
 * @param maxAge         a message not delivered this long after it was queued (or replayed) is given up: dead
 * @param connectTimeout how long connecting to a receiver may take
 * @param requestTimeout how long a receiver may take to answer, once connected
 * @param backoffBase    the first retry waits up to this long; each further retry doubles it (full jitter)
 * @param backoffCap     no retry waits longer than this (unless the receiver's Retry-After asks for more)
 */
@ConfigurationProperties(AlertDeliveryConfiguration.PREFIX)
public record AlertDeliveryConfiguration(Duration interval, Duration maxAge, Duration connectTimeout,
                                         Duration requestTimeout, Duration backoffBase, Duration backoffCap) {

    static final String PREFIX = "dapple.alert.delivery";

    public AlertDeliveryConfiguration {
        positive("interval", interval);
        positive("max-age", maxAge);
        positive("connect-timeout", connectTimeout);
        positive("request-timeout", requestTimeout);
        positive("backoff-base", backoffBase);
        positive("backoff-cap", backoffCap);
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException(PREFIX + ".backoff-cap (" + DurationParser.format(backoffCap)
                    + ") must not be shorter than " + PREFIX + ".backoff-base (" + DurationParser.format(backoffBase)
                    + ")");
        }
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    AlertDeliveryConfiguration(@Nullable String interval, @Nullable String maxAge, @Nullable String connectTimeout,
                               @Nullable String requestTimeout, @Nullable String backoffBase,
                               @Nullable String backoffCap) {
        this(duration("interval", interval, Duration.ofSeconds(1)),
                duration("max-age", maxAge, Duration.ofHours(24)),
                duration("connect-timeout", connectTimeout, Duration.ofSeconds(5)),
                duration("request-timeout", requestTimeout, Duration.ofSeconds(15)),
                duration("backoff-base", backoffBase, Duration.ofSeconds(1)),
                duration("backoff-cap", backoffCap, Duration.ofMinutes(5)));
    }

    /** The defaults. */
    public static AlertDeliveryConfiguration defaults() {
        return new AlertDeliveryConfiguration(null, null, null, null, null, (String) null);
    }

    /** How long a server keeps a message it is sending to itself: past one attempt's worst case, with a margin. */
    Duration claim() {
        return connectTimeout.plus(requestTimeout).plusSeconds(30);
    }

    private static Duration duration(String name, @Nullable String value, Duration fallback) {
        return RawConfig.convert(PREFIX + "." + name, value, Duration.class, fallback, "a duration like 5s or 24h");
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be longer than 0, not "
                    + (value.isZero() ? "0" : DurationParser.format(value)));
        }
    }
}

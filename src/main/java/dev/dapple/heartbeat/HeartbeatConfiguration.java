package dev.dapple.heartbeat;

import dev.dapple.alert.ChannelSettings;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.TextParse;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code dapple.heartbeat.url} (unset: no heartbeat) and {@code dapple.heartbeat.interval} (default 1m), checked at
 * start: a bad value stops the server with a message naming the key.
 */
@Singleton
public final class HeartbeatConfiguration {

    static final String URL_KEY = "dapple.heartbeat.url";
    static final String INTERVAL_KEY = "dapple.heartbeat.interval";
    static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    private final Optional<URI> url;
    private final Duration interval;

    HeartbeatConfiguration(@Value("${" + URL_KEY + ":}") @Nullable String url,
                           @Value("${" + INTERVAL_KEY + ":1m}") String interval) {
        this.url = url == null || url.isBlank() ? Optional.empty() : Optional.of(url(url.strip()));
        this.interval = interval(interval.strip());
    }

    /** Empty when no heartbeat is configured. */
    public Optional<URI> url() {
        return url;
    }

    public Duration interval() {
        return interval;
    }

    private static URI url(String text) {
        if (ChannelSettings.isHttpUrl(text)) {
            return URI.create(text);
        }
        // Never the value: the rest of a heartbeat URL is often its secret.
        throw new IllegalArgumentException(URL_KEY + " must be an http(s) URL, e.g. https://hc-ping.com/<uuid>");
    }

    private static Duration interval(String text) {
        return switch (DurationParser.parse(text)) {
            case TextParse.Ok<Duration>(Duration d) when d.compareTo(MIN_INTERVAL) >= 0 -> d;
            case TextParse.Ok<Duration> tooShort -> throw new IllegalArgumentException(INTERVAL_KEY + " must be at least"
                    + " 10s, not '" + text + "'");
            case TextParse.Failure<Duration>(int offset, String message) -> throw new IllegalArgumentException(
                    INTERVAL_KEY + ": " + message);
        };
    }
}

package dev.dapple.probe.http;

import dev.dapple.config.RawConfig;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

/**
 * The probe's HTTP settings ({@code dapple.probe.*}). Eager so a bad value stops the start.
 *
 * @param maxBody the default cap on a response body in bytes ({@code dapple.probe.max-body}: 1MiB, 512KB, 2000000)
 */
@Context
@ConfigurationProperties(ProbeHttpConfiguration.PREFIX)
public record ProbeHttpConfiguration(long maxBody) {

    static final String PREFIX = "dapple.probe";
    public static final String MAX_BODY_KEY = PREFIX + ".max-body";
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public ProbeHttpConfiguration {
        if (maxBody <= 0) {
            throw new IllegalArgumentException(MAX_BODY_KEY + " must be a positive size like 1MiB, not " + maxBody);
        }
    }

    /** Binds the raw text: Micronaut's own size conversion silently ignores a value it cannot read. */
    @ConfigurationInject
    ProbeHttpConfiguration(@Nullable String maxBody) {
        this(maxBody == null || maxBody.isBlank() ? DEFAULT_MAX_BODY : parseSize(maxBody));
    }

    static long parseSize(String text) {
        return RawConfig.size(MAX_BODY_KEY, text, "a size like 1MiB, 512KB or 2000000");
    }

    /** A size as people write it: "1 MiB", "512 KiB", "1500 bytes". */
    static String describe(long bytes) {
        if (bytes >= 1 << 30 && bytes % (1 << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}

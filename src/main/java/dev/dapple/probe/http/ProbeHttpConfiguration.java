package dev.dapple.probe.http;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

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

    /** Bytes, with an optional 1024-based unit: 1048576, 512KB, 512KiB, 1MB, 1MiB, 1GB. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(MAX_BODY_KEY + " must be a size like 1MiB, 512KB or 2000000, not '" + text + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_BODY_KEY + " is too large: '" + text + "'");
        }
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

package dev.dapple.config;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration values read from their raw text. Micronaut's own binding silently falls back to a declared default
 * when a value does not convert, and its errors name a Java parameter; these name the key and the value instead.
 */
public final class RawConfig {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private RawConfig() {
    }

    /** The value converted to {@code type}, or {@code fallback} when it is unset or blank. */
    public static <T> T convert(String key, @Nullable String value, Class<T> type, T fallback, String expected) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return ConversionService.SHARED.convert(value.strip(), type).orElseThrow(() ->
                new IllegalArgumentException(key + " must be " + expected + ", not '" + value + "'"));
    }

    /** Bytes, with an optional 1024-based unit: 1048576, 512KB, 512KiB, 1MB, 1MiB, 1GB. */
    public static long size(String key, String text, String expected) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must be " + expected + ", not '" + text + "'");
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
            throw new IllegalArgumentException(key + " is too large: '" + text + "'");
        }
    }
}

package dev.dapple.result;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * What {@link RunMetrics} exposes beyond its fixed series ({@code dapple.metrics.*}).
 *
 * @param stepHistograms per-step duration histograms ({@code dapple.metrics.step-histograms}); off by default because
 *                       they cost 13 series per journey × step × location
 */
@ConfigurationProperties("dapple.metrics")
public record MetricsConfiguration(boolean stepHistograms) {

    public static final String STEP_HISTOGRAMS_KEY = "dapple.metrics.step-histograms";

    /** Binds the raw text: Micronaut's own conversion reads anything but "true" as false, a typo included. */
    @ConfigurationInject
    MetricsConfiguration(@Nullable String stepHistograms) {
        this(flag(stepHistograms));
    }

    private static boolean flag(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(STEP_HISTOGRAMS_KEY + " must be true or false, not '"
                    + value + "'");
        };
    }
}

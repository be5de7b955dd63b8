package dev.dapple.catalog;

import dev.dapple.config.RawConfig;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the journey files are and how often the leader looks at them ({@code dapple.journeys.*}).
 *
 * @param dir          the folder of journey files, relative to the working directory unless absolute
 * @param pollInterval how often the leader scans it; a change takes effect within one interval
 */
@ConfigurationProperties(CatalogConfiguration.PREFIX)
public record CatalogConfiguration(Path dir, Duration pollInterval) {

    static final String PREFIX = "dapple.journeys";
    static final String DIR_KEY = PREFIX + ".dir";
    static final String POLL_INTERVAL_KEY = PREFIX + ".poll-interval";

    public CatalogConfiguration {
        if (dir == null) {
            throw new IllegalArgumentException(DIR_KEY + " must name a folder");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(POLL_INTERVAL_KEY + " must be a positive duration like 2s, not " + pollInterval);
        }
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    CatalogConfiguration(@Nullable String dir, @Nullable String pollInterval) {
        this(path(dir), duration(pollInterval));
    }

    private static Path path(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Path.of("journeys");
        }
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(DIR_KEY + " is not a valid path: '" + value + "'", e);
        }
    }

    private static Duration duration(@Nullable String value) {
        return RawConfig.convert(POLL_INTERVAL_KEY, value, Duration.class, Duration.ofSeconds(2), "a duration like 2s or 500ms");
    }
}

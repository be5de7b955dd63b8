package dev.dapple.result;

import dev.dapple.config.RawConfig;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Ingest's buffer bounds ({@code dapple.ingest.*}), used while the store cannot take results.
 *
 * @param bufferSize     results held in memory ({@code dapple.ingest.buffer-size}); past it they spill to disk
 * @param diskBufferSize bytes of results kept on disk ({@code dapple.ingest.disk-buffer-size}); past it the oldest
 *                       are dropped and counted
 */
@ConfigurationProperties("dapple.ingest")
public record IngestConfiguration(int bufferSize, long diskBufferSize) {

    public static final String BUFFER_SIZE_KEY = "dapple.ingest.buffer-size";
    public static final String DISK_BUFFER_SIZE_KEY = "dapple.ingest.disk-buffer-size";
    public static final IngestConfiguration DEFAULTS = new IngestConfiguration(10_000, 100L << 20);


    public IngestConfiguration {
        if (bufferSize < 1) {
            throw new IllegalArgumentException(BUFFER_SIZE_KEY + " must be at least 1, not " + bufferSize);
        }
        if (diskBufferSize < 1) {
            throw new IllegalArgumentException(DISK_BUFFER_SIZE_KEY + " must be a positive size like 100MiB, not "
                    + diskBufferSize);
        }
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    IngestConfiguration(@Nullable String bufferSize, @Nullable String diskBufferSize) {
        this(bufferSize == null || bufferSize.isBlank() ? DEFAULTS.bufferSize() : count(bufferSize),
                diskBufferSize == null || diskBufferSize.isBlank() ? DEFAULTS.diskBufferSize() : size(diskBufferSize));
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BUFFER_SIZE_KEY + " must be a whole number like 10000, not '" + text + "'");
        }
    }

    static long size(String text) {
        return RawConfig.size(DISK_BUFFER_SIZE_KEY, text, "a size like 100MiB, 512KiB or 1000000");
    }
}

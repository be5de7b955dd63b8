package dev.dapple.probe.http;

import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * How a step trusts the server's certificate.
 *
 * @param insecure skip certificate verification entirely (the handshake still happens and is timed)
 * @param caFile   a PEM file of CA certificates to trust instead of the JDK's default trust store
 */
public record TlsOptions(boolean insecure, @Nullable Path caFile) {
    /** Verify against the JDK's trust store, as a browser would. */
    public static final TlsOptions DEFAULT = new TlsOptions(false, null);

    public TlsOptions {
        if (caFile != null) {
            caFile = caFile.toAbsolutePath().normalize();
        }
    }
}

package dev.dapple.journey;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A step's TLS settings. {@code ca} is resolved against the journey file's folder at load time and known to exist
 * then; {@code insecure} skips certificate verification. The two exclude each other.
 */
public record Tls(boolean insecure, Optional<Path> ca) {

    public static final Tls DEFAULT = new Tls(false, Optional.empty());
}

package dev.dapple.secret;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Secret values by name: a file NAME in the secrets directory ({@code DAPPLE_SECRETS_DIR}, as mounted by Docker or
 * Kubernetes) wins, else the environment variable NAME. Values are never logged.
 */
@Singleton
public final class Secrets {

    private final Path dir;
    private final Map<String, String> environment;

    public Secrets(@Nullable @Value("${dapple.secrets-dir:}") String dir) {
        this(dir == null || dir.isBlank() ? null : Path.of(dir), System.getenv());
    }

    Secrets(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = environment;
    }

    public Optional<String> get(String name) {
        if (dir != null) {
            Path file = dir.resolve(name).normalize();
            if (file.startsWith(dir) && Files.isRegularFile(file)) {
                try {
                    // Secret files usually end with a newline that is not part of the secret.
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read secret file " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isEmpty());
    }
}

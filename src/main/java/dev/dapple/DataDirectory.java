package dev.dapple;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory for runtime data (`dapple.data-dir`, `DAPPLE_DATA_DIR`): the H2 store, the admin token, buffers. */
@Singleton
public final class DataDirectory {

    private final Path path;

    public DataDirectory(@Value("${dapple.data-dir}") String dir) {
        this.path = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }
}

package dev.dapple;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code application.yml} from the working directory, where the README tells users to put their settings
 * (channels, defaults, …): Micronaut itself reads only the one inside the jar and the files named in
 * {@code micronaut.config.files} / {@code MICRONAUT_CONFIG_FILES}, which still win when set.
 */
final class WorkingDirectoryConfig {

    static final String FILE = "application.yml";
    private static final String PROPERTY = "micronaut.config.files";

    private WorkingDirectoryConfig() {
    }

    static void use(Path workingDirectory) {
        if (System.getProperty(PROPERTY) != null || System.getenv("MICRONAUT_CONFIG_FILES") != null) {
            return;
        }
        Path file = workingDirectory.resolve(FILE);
        if (Files.isRegularFile(file)) {
            System.setProperty(PROPERTY, file.toAbsolutePath().toString());
        }
    }
}

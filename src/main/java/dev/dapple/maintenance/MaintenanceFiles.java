package dev.dapple.maintenance;

import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyLoader;
import dev.dapple.journey.YamlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finding and reading {@code maintenance.yaml}, the reserved file name among journey files. */
public final class MaintenanceFiles {

    private MaintenanceFiles() {
    }

    /** The schedule files among journey roots: each folder's own maintenance.yaml, and each file so named. */
    public static List<Path> in(List<Path> roots) {
        var files = new ArrayList<Path>();
        for (Path root : roots) {
            Path file = Files.isDirectory(root) ? root.resolve(JourneyLoader.MAINTENANCE_FILE) : root;
            if (file.getFileName() != null && file.getFileName().toString().equals(JourneyLoader.MAINTENANCE_FILE)
                    && Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** Reads and parses one schedule file; an unreadable or oversized file is an error like any other. */
    public static MaintenanceFileParser.Result read(Path file) {
        try {
            long size = Files.size(file);
            if (size > YamlSource.MAX_BYTES) {
                return new MaintenanceFileParser.Invalid(List.of(new JourneyError(file.toString(), 1, 1,
                        YamlSource.tooLarge(size))));
            }
            return MaintenanceFileParser.parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            return new MaintenanceFileParser.Invalid(List.of(new JourneyError(file.toString(), 1, 1,
                    "cannot read the file: " + e)));
        }
    }
}

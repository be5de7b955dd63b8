package dev.dapple.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Loads every journey under some folders or files. A bad file never stops the others: the result holds the valid
 * journeys and all errors. Files are read in path order, so when two files use the same journey name the first
 * one keeps it and the second is an error.
 */
public final class JourneyLoader {

    /** Reserved for maintenance windows and drills (see DESIGN.md), not a journey. */
    public static final String MAINTENANCE_FILE = "maintenance.yaml";

    /** @param invalidFiles the files that had at least one error, as errors name them */
    public record Result(List<Journey> journeys, List<JourneyError> errors, Set<String> invalidFiles) {

        public Result {
            journeys = List.copyOf(journeys);
            errors = List.copyOf(errors);
            invalidFiles = Set.copyOf(invalidFiles);
        }

        public boolean allValid() {
            return errors.isEmpty();
        }
    }

    private JourneyLoader() {
    }

    /** Every {@code .yaml}/{@code .yml} file under each folder (recursively), and each file named directly. */
    public static Result load(List<Path> roots) throws IOException {
        return load(roots, Set.of());
    }

    /** As {@link #load(List)}, refusing alert channels not among {@code channels} (empty: no check). */
    public static Result load(List<Path> roots, Set<String> channels) throws IOException {
        return load(roots, (file, bytes) -> JourneyParser.parse(file.toString(), bytes, file, channels));
    }

    /**
     * As {@link #load(List)}, with {@code parser} turning each readable file's bytes into a journey, so a caller
     * that scans again and again can reuse what it parsed before.
     */
    public static Result load(List<Path> roots, BiFunction<Path, byte[], ParseResult> parser) throws IOException {
        var journeys = new ArrayList<Journey>();
        var errors = new ArrayList<JourneyError>();
        var invalid = new LinkedHashSet<String>();
        Map<String, Journey> byName = new HashMap<>();
        for (Path file : files(roots)) {
            List<JourneyError> fileErrors = new ArrayList<>();
            switch (read(file, parser)) {
                case ParseResult.Parsed(Journey journey, int line, int column) -> {
                    Journey first = byName.putIfAbsent(journey.name(), journey);
                    if (first == null) {
                        journeys.add(journey);
                    } else {
                        fileErrors.add(new JourneyError(file.toString(), line, column, "name: journey '" + journey.name()
                                + "' is already defined in " + first.sourcePath()));
                    }
                }
                case ParseResult.Invalid(List<JourneyError> found) -> fileErrors.addAll(found);
            }
            if (!fileErrors.isEmpty()) {
                invalid.add(file.toString());
                errors.addAll(fileErrors);
            }
        }
        return new Result(journeys, errors, invalid);
    }

    public static Result load(Path... roots) throws IOException {
        return load(List.of(roots));
    }

    private static ParseResult read(Path file, BiFunction<Path, byte[], ParseResult> parser) {
        try {
            long size = Files.size(file);
            if (size > YamlSource.MAX_BYTES) {
                return new ParseResult.Invalid(List.of(new JourneyError(file.toString(), 1, 1, YamlSource.tooLarge(size))));
            }
            return parser.apply(file, Files.readAllBytes(file));
        } catch (IOException e) {
            return new ParseResult.Invalid(List.of(new JourneyError(file.toString(), 1, 1, "cannot read the file: " + e)));
        }
    }

    private static List<Path> files(List<Path> roots) throws IOException {
        var files = new LinkedHashSet<Path>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                if (!root.getFileName().toString().equals(MAINTENANCE_FILE)) {
                    files.add(root);
                }
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(JourneyLoader::isJourneyFile)
                        .filter(path -> !path.equals(root.resolve(MAINTENANCE_FILE)))
                        .sorted(Comparator.comparing(Path::toString))
                        .forEach(files::add);
            }
        }
        return List.copyOf(files);
    }

    static boolean isJourneyFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}

package dev.dapple.catalog;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyLoader;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the journey folder again and again, parsing only files that are new or whose bytes changed since the last
 * load: YAML parsing is what a scan of thousands of files spends its time and memory on, while reading and hashing
 * them is cheap. The bytes decide, not size and modification time, because a file rewritten with the same size
 * within the file system's timestamp granularity keeps both. Not thread-safe: the publisher calls it under its lock.
 */
final class ParsedJourneys {

    /** A valid file as last parsed: {@code text} is exactly the bytes that hash to {@code contentHash}. */
    private record Parsed(String contentHash, String text, ParseResult.Parsed result) {
    }

    private final Set<String> channels;
    private Map<Path, Parsed> last = new HashMap<>();
    private Map<Path, Parsed> current = new HashMap<>();
    private Map<String, String> hashes = new HashMap<>();
    private long parses;

    ParsedJourneys() {
        this(Set.of());
    }

    /** @param channels the configured alert channels, which journeys may name (empty: not checked) */
    ParsedJourneys(Set<String> channels) {
        this.channels = Set.copyOf(channels);
    }

    /** {@link JourneyLoader#load(List)} of {@code dir}, reusing the parse of every unchanged valid file. */
    JourneyLoader.Result load(Path dir) throws IOException {
        current = new HashMap<>();
        hashes = new HashMap<>();
        JourneyLoader.Result result = JourneyLoader.load(List.of(dir), this::parse);
        last = current; // files that are gone or no longer valid are forgotten
        return result;
    }

    /** The text of a journey the last {@link #load} returned. */
    String text(Journey journey) {
        return last.get(journey.sourcePath()).text();
    }

    /** The SHA-256 of a file the last {@link #load} read, by its path as errors name it; null when not read. */
    String hash(String path) {
        return hashes.get(path);
    }

    /** How many files were parsed so far, for tests. */
    long parses() {
        return parses;
    }

    private ParseResult parse(Path file, byte[] bytes) {
        String hash = CatalogPublisher.sha256(bytes);
        hashes.put(file.toString(), hash);
        Parsed before = last.get(file);
        if (before != null && before.contentHash().equals(hash) && caFilesExist(before.result().journey())) {
            current.put(file, before);
            return before.result();
        }
        parses++;
        ParseResult result = JourneyParser.parse(file.toString(), bytes, file, channels);
        if (result instanceof ParseResult.Parsed parsed) {
            current.put(file, new Parsed(hash, new String(bytes, StandardCharsets.UTF_8), parsed));
        }
        // An invalid file is parsed again every time: its errors may depend on other files (a tls.ca that is
        // created later), and invalid files are few.
        return result;
    }

    /** A valid journey's tls.ca files existed when it was parsed; one deleted since makes it invalid. */
    private static boolean caFilesExist(Journey journey) {
        return journey.steps().stream()
                .map(step -> step.tls().ca())
                .flatMap(Optional::stream)
                .allMatch(Files::isRegularFile);
    }
}

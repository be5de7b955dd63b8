package dev.dapple.catalog;

import dev.dapple.leader.LeaderLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Journey files written by the catalog tests. */
final class CatalogFiles {

    private CatalogFiles() {
    }

    static String journey(String name, String interval, String... locations) {
        return "name: " + name + "\n"
                + "interval: " + interval + "\n"
                + (locations.length == 0 ? "" : "locations: [" + String.join(", ", locations) + "]\n")
                + "steps:\n"
                + "  - name: ping\n"
                + "    get: http://localhost:8080/health\n"
                + "    expect: [status == 200]\n";
    }

    /** Parses as YAML, but {@code intervall} is not a journey key. */
    static String invalid(String name) {
        return "name: " + name + "\nintervall: 10s\nsteps:\n  - name: ping\n    get: http://localhost:8080/health\n";
    }

    static Path write(Path dir, String file, String text) {
        try {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String text) {
        return CatalogPublisher.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static void clear(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitLeader(LeaderLease lease) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lease.isLeader()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("this context never became the leader");
            }
            Thread.sleep(20);
        }
    }
}

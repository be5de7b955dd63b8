package dev.dapple.probe.agent;

import dev.dapple.probe.remote.Assignments;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last assignments the server gave, kept in the data dir so a probe restarted while the server is away runs
 * them. Written to a temporary file, fsynced and renamed: a crash leaves the old file or the new one, never half.
 */
final class AssignmentCache {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentCache.class);

    private final Path file;
    private final JsonMapper json;

    AssignmentCache(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    Path file() {
        return file;
    }

    /** The cached assignments; empty when there are none or the file cannot be read (said once in the log). */
    Optional<Assignments> read() {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), Assignments.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the last assignments {}, starting without them: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(Assignments assignments) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(assignments));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

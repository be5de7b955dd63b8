package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The server's probe follows the published catalog: journeys for its location are scheduled, others are not. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedProbeTest implements TestPropertyProvider {

    private Path journeys;

    @Inject
    EmbeddedProbe probe;

    @Override
    public Map<String, String> getProperties() {
        try {
            journeys = Files.createTempDirectory("dapple-journeys");
            write("here.yaml", "name: here\ninterval: 10m\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n");
            write("elsewhere.yaml", "name: elsewhere\ninterval: 10m\nlocations: [eu-west]\nsteps:\n"
                    + "  - name: s\n    get: http://127.0.0.1:9/\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("dapple.journeys.dir", journeys.toString(), "dapple.journeys.poll-interval", "200ms");
    }

    private void write(String file, String yaml) throws IOException {
        Files.writeString(journeys.resolve(file), yaml);
    }

    @Test
    void publishedJourneysForThisLocationAreScheduledAndFollowChanges() throws Exception {
        awaitAssigned(Set.of("here"));

        write("later.yaml", "name: later\ninterval: 10m\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n");
        awaitAssigned(Set.of("here", "later"));

        Files.delete(journeys.resolve("here.yaml"));
        awaitAssigned(Set.of("later"));
    }

    private void awaitAssigned(Set<String> expected) throws InterruptedException {
        Supplier<Set<String>> assigned = probe::assigned;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!assigned.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, assigned.get());
        assertTrue(!assigned.get().contains("elsewhere"), "a journey for another location is not run here");
    }
}

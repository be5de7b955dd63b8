package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.database.TestStores;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded probes of two servers on one store split location {@code local} by rendezvous, never both running a
 * journey; when one server stops, the other takes its journeys within the heartbeat expiry plus one poll.
 */
class EmbeddedProbesShareLocalTest {

    static final Set<String> JOURNEYS = Set.of("one", "two", "three", "four", "five", "six", "seven", "eight");

    @TempDir
    Path journeys;

    @Test
    void twoServersShareLocalAndTheSurvivorTakesAll() throws Exception {
        for (String name : JOURNEYS) {
            Files.writeString(journeys.resolve(name + ".yaml"), "name: " + name
                    + "\ninterval: 10m\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n");
        }
        var properties = new HashMap<>(TestStores.sharedH2("embedded_share"));
        properties.putAll(Map.of("dapple.journeys.dir", journeys.toString(), "dapple.journeys.poll-interval", "100ms",
                "dapple.probe.heartbeat-interval", "200ms", "dapple.probe.heartbeat-expiry", "1s"));
        try (ApplicationContext a = start(properties, "embedded@a"); ApplicationContext b = start(properties, "embedded@b")) {
            EmbeddedProbe probeA = a.getBean(EmbeddedProbe.class);
            EmbeddedProbe probeB = b.getBean(EmbeddedProbe.class);
            await(() -> {
                var union = new HashSet<>(probeA.assigned());
                union.addAll(probeB.assigned());
                return union.equals(JOURNEYS) && probeA.assigned().size() + probeB.assigned().size() == JOURNEYS.size();
            });
            assertFalse(probeA.assigned().isEmpty() || probeB.assigned().isEmpty(),
                    "both run some: " + probeA.assigned() + " " + probeB.assigned());

            long stopped = System.nanoTime();
            b.close();
            await(() -> probeA.assigned().equals(JOURNEYS));
            long tookOver = (System.nanoTime() - stopped) / 1_000_000;
            assertTrue(tookOver >= 700, "waited for b's heartbeat to expire: " + tookOver + " ms");
            assertEquals(JOURNEYS, probeA.assigned());
        }
    }

    private static ApplicationContext start(Map<String, String> properties, String name) {
        var own = new HashMap<>(properties);
        own.put("dapple.probe.name", name);
        return ApplicationContext.builder().environments("test").properties(Map.copyOf(own)).start();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "not within 15 s");
    }
}

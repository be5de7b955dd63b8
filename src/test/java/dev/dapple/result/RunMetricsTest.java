package dev.dapple.result;

import static dev.dapple.result.MetricsTestSupport.await;
import static dev.dapple.result.MetricsTestSupport.run;
import static dev.dapple.result.MetricsTestSupport.scrape;
import static dev.dapple.result.MetricsTestSupport.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Results accepted by ingest show on {@code GET /prometheus} of a real server, read with a strict exposition parser:
 * the exact series and values, only for journeys of the catalog, and gone with a journey that leaves it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunMetricsTest implements TestPropertyProvider {

    private final Path journeys = MetricsTestSupport.journeys("checkout", "search", "gone");

    @Inject
    Ingest ingest;
    @Inject
    RunMetrics metrics;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("dapple.journeys.dir", journeys.toString(), "dapple.journeys.poll-interval", "100ms");
    }

    @BeforeAll
    void catalogIsPublished() {
        await("the catalog bounds the metrics", () -> metrics.journeys().containsAll(Set.of("checkout", "search", "gone")));
    }

    @Test
    void acceptedResultsBecomeTheDocumentedSeries() {
        var first = run("checkout", 0, Outcome.UP, 200L, 3L);
        List.of(first,
                run("checkout", 1, Outcome.UP, 1_500L, 30L),
                run("checkout", 2, Outcome.DOWN, 700L, 100L), // DOWN: counted, but no duration sample
                run("checkout", 3, Outcome.ERROR, null, null), // missed: says nothing about the target
                run("checkout", -1, Outcome.UP, 50L, 2_000L), // arrives late: counted, but the gauge keeps minute 2
                first, // a replay
                run("checkout", "us-east", 4, Outcome.UP, 100L, 0L), // not a location of checkout
                run("ghost", 0, Outcome.UP, 100L, 0L), // not in the catalog
                run("search", 0, Outcome.DEGRADED, 300L, 0L,
                        step(0, "login", StepOutcome.PASSED, 120L, 200))).forEach(ingest::accept);

        PrometheusText text = scrape(server);

        assertEquals("counter", text.families().get("dapple_journey_runs_total").type());
        assertEquals(3.0, text.value("dapple_journey_runs_total", "journey", "checkout", "location", "eu-west", "outcome", "UP"));
        assertEquals(1.0, text.value("dapple_journey_runs_total", "journey", "checkout", "location", "eu-west", "outcome", "DOWN"));
        assertEquals(1.0, text.value("dapple_journey_runs_total", "journey", "checkout", "location", "eu-west", "outcome", "ERROR"));
        assertEquals(1.0, text.value("dapple_journey_runs_total", "journey", "search", "location", "eu-west", "outcome", "DEGRADED"));
        assertEquals(4, text.samples("dapple_journey_runs_total").stream()
                .filter(s -> !s.labels().get("journey").equals("gone")).count(), "no other journey or location");

        assertEquals("histogram", text.families().get("dapple_journey_duration_seconds").type());
        String[] checkout = {"journey", "checkout", "location", "eu-west"};
        assertEquals(Map.of("0.1", 1.0, "0.25", 2.0, "0.5", 2.0, "1.0", 2.0, "2.5", 3.0, "5.0", 3.0, "10.0", 3.0,
                "20.0", 3.0, "30.0", 3.0, "+Inf", 3.0), buckets(text, "dapple_journey_duration_seconds", checkout));
        assertEquals(3.0, text.value("dapple_journey_duration_seconds_count", checkout));
        assertEquals(1.75, text.value("dapple_journey_duration_seconds_sum", checkout), 1e-9);

        assertEquals("gauge", text.families().get("dapple_journey_up").type());
        assertEquals(0.0, text.value("dapple_journey_up", checkout), "DOWN at minute 2; ERROR and a late UP keep it");
        assertEquals(0.5, text.value("dapple_journey_up", "journey", "search", "location", "eu-west"));

        String[] euWest = {"location", "eu-west"};
        assertEquals(Map.of("0.005", 2.0, "0.05", 3.0, "0.25", 4.0, "1.0", 4.0, "5.0", 5.0, "+Inf", 5.0),
                buckets(text, "dapple_schedule_lateness_seconds", euWest), "started runs only; a missed one has none");
        assertEquals(1, text.samples("dapple_schedule_lateness_seconds_count").size(), "one source of lateness");

        assertEquals(0.0, text.value("dapple_probe_running_runs", "location", "local"));
        assertNull(text.families().get("dapple_step_duration_seconds"), "step histograms are off by default");
        assertTrue(text.samples("dapple_journey_runs_total").stream().noneMatch(s -> s.labels().containsValue("ghost")));
        assertNotNull(text.families().get("jvm_memory_used_bytes"), "JVM metrics stay");
        assertNotNull(text.families().get("dapple_ingest_pending"), "ingest's own meters stay");
        for (String family : List.of("dapple_journey_runs_total", "dapple_journey_duration_seconds", "dapple_journey_up",
                "dapple_schedule_lateness_seconds", "dapple_probe_running_runs")) {
            assertFalse(text.families().get(family).help().isBlank(), family + " has a HELP line");
        }
    }

    @Test
    void aJourneyThatLeavesTheCatalogLeavesTheRegistry() throws Exception {
        // Never started (no lateness), so the other test's lateness buckets stay exact.
        ingest.accept(run("gone", 0, Outcome.UP, 100L, null));
        String[] gone = {"journey", "gone", "location", "eu-west"};
        assertEquals(1.0, scrape(server).value("dapple_journey_up", gone));

        Files.delete(journeys.resolve("gone.yaml"));
        await("gone's series are removed", () -> scrape(server).families().values().stream()
                .flatMap(f -> f.samples().stream()).noneMatch(s -> "gone".equals(s.labels().get("journey"))));
        ingest.accept(run("gone", 1, Outcome.DOWN, 100L, null));
        assertNull(scrape(server).value("dapple_journey_up", gone), "a result of a journey not in the catalog is not metered");

        MetricsTestSupport.write(journeys, "gone");
        await("gone is back in the catalog", () -> metrics.journeys().contains("gone"));
        ingest.accept(run("gone", 2, Outcome.DEGRADED, 100L, null));
        assertEquals(0.5, scrape(server).value("dapple_journey_up", gone), "a series comes back with its journey");
        assertEquals(1.0, scrape(server).value("dapple_journey_runs_total", "journey", "gone", "location", "eu-west",
                "outcome", "DEGRADED"));
    }

    /** The buckets of one series, by their le label. */
    static Map<String, Double> buckets(PrometheusText text, String family, String... labels) {
        Map<String, String> wanted = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        var result = new java.util.HashMap<String, Double>();
        for (PrometheusText.Sample s : text.samples(family + "_bucket")) {
            var rest = new java.util.HashMap<>(s.labels());
            String le = rest.remove("le");
            if (rest.equals(wanted)) {
                result.put(le, s.value());
            }
        }
        return result;
    }
}

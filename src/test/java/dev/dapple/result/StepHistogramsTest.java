package dev.dapple.result;

import static dev.dapple.result.MetricsTestSupport.await;
import static dev.dapple.result.MetricsTestSupport.run;
import static dev.dapple.result.MetricsTestSupport.scrape;
import static dev.dapple.result.MetricsTestSupport.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With {@code dapple.metrics.step-histograms=true}, steps that got a response get a histogram per step. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepHistogramsTest implements TestPropertyProvider {

    @Inject
    Ingest ingest;
    @Inject
    RunMetrics metrics;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("dapple.journeys.dir", MetricsTestSupport.journeys("checkout").toString(),
                "dapple.journeys.poll-interval", "100ms",
                "dapple.metrics.step-histograms", "true");
    }

    @Test
    void stepsThatGotAResponseAreMeasuredPerStep() {
        await("checkout is in the catalog", () -> metrics.journeys().contains("checkout"));
        ingest.accept(run("checkout", 0, Outcome.DOWN, 300L, 0L,
                step(0, "login", StepOutcome.PASSED, 120L, 200),
                step(1, "search", StepOutcome.FAILED, 80L, 500), // a response, if a bad one
                step(2, "pay", StepOutcome.FAILED, 30L, null), // connection refused: no response, no latency
                step(3, "extra", StepOutcome.PASSED, 10L, 200))); // not a step of the published journey

        PrometheusText text = scrape(server);

        assertEquals("histogram", text.families().get("dapple_step_duration_seconds").type());
        assertEquals(Map.of("0.01", 0.0, "0.025", 0.0, "0.05", 0.0, "0.1", 0.0, "0.25", 1.0, "0.5", 1.0, "1.0", 1.0,
                        "2.5", 1.0, "5.0", 1.0, "+Inf", 1.0),
                RunMetricsTest.buckets(text, "dapple_step_duration_seconds", "journey", "checkout", "step", "login",
                        "location", "eu-west"));
        assertEquals(1.0, text.value("dapple_step_duration_seconds_bucket", "journey", "checkout", "step", "search",
                "location", "eu-west", "le", "0.1"));
        Set<String> steps = new TreeSet<>();
        text.samples("dapple_step_duration_seconds_count").forEach(s -> steps.add(s.labels().get("step")));
        assertEquals(Set.of("login", "search"), steps);

        // The cost README states: 10 buckets (9 bounds and +Inf), _count, _sum and the _max gauge.
        long series = text.families().values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().startsWith("dapple_step_duration_seconds"))
                .filter(s -> "login".equals(s.labels().get("step"))).count();
        assertEquals(13, series);
    }
}

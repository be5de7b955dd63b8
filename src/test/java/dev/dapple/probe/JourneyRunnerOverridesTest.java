package dev.dapple.probe;

import static dev.dapple.probe.TestJourneys.parse;
import static dev.dapple.probe.TestJourneys.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** `run --var` overrides, and extracts whose regex matches without its group. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyRunnerOverridesTest {

    @Inject
    JourneyRunner runner;

    JourneyTarget target;

    @org.junit.jupiter.api.BeforeAll
    void start() throws java.io.IOException {
        target = JourneyTarget.http();
    }

    @AfterAll
    void stop() {
        target.close();
    }

    @Test
    void anOverriddenVariableNeedsNoneOfTheEnvironmentItsOwnValueWouldUse() {
        var plan = new RunPlan("test-location", "test-probe", Instant.parse("2025-01-01T00:00:00Z"),
                Map.of("base", target.base()));
        RunResult run = runner.run(parse("""
                name: overridden
                interval: 1m
                variables:
                  base: ${env.DAPPLE_TEST_UNSET_SHOP_URL}
                steps:
                  - name: cart
                    get: ${base}/cart
                """), plan);

        assertEquals(Outcome.UP, run.outcome(), run::toString);
    }

    @Test
    void aRegexWhoseGroupMatchedNothingFailsTheStepInsteadOfTheProbe() {
        RunResult run = runner.run(parse("""
                name: optional-group
                interval: 1m
                steps:
                  - name: page
                    get: %s/text
                    extract:
                      word: regex "just( nothing)?"
                """.formatted(target.base())), TestJourneys.PLAN);

        assertEquals(Outcome.DOWN, run.outcome(), run::toString);
        assertEquals(StepOutcome.FAILED, step(run, "page").outcome());
        assertEquals(ErrorKind.ASSERTION, step(run, "page").errorKind());
        assertEquals("cannot extract word: regex \"just( nothing)?\" matched, but its first group did not",
                step(run, "page").error());
    }
}

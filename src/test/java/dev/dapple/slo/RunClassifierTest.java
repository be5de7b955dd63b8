package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.journey.Slo;
import dev.dapple.result.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunClassifierTest {

    private static final Slo.Latency BELOW_3S = new Slo.Latency(Duration.ofSeconds(3), new BigDecimal("99"));

    @ParameterizedTest
    @CsvSource({
            "UP, GOOD, GOOD", "UP, BAD, GOOD",
            "DEGRADED, GOOD, GOOD", "DEGRADED, BAD, BAD",
            "DOWN, GOOD, BAD", "DOWN, BAD, BAD",
            "ERROR, GOOD, NOT_VALID", "ERROR, BAD, NOT_VALID"})
    void availability(Outcome outcome, Slo.Degraded degraded, RunEvent expected) {
        assertEquals(expected, RunClassifier.availability(outcome, degraded));
    }

    @ParameterizedTest
    @CsvSource({
            "UP, 2999, GOOD", "UP, 3000, BAD", "UP, 3001, BAD", "UP, 0, GOOD",
            "DEGRADED, 120, GOOD", "DEGRADED, 60000, BAD",
            "DOWN, 10, NOT_VALID", "DOWN, 60000, NOT_VALID",
            "ERROR, 10, NOT_VALID"})
    void latency(Outcome outcome, long millis, RunEvent expected) {
        assertEquals(expected, RunClassifier.latency(outcome, Duration.ofMillis(millis), BELOW_3S));
    }

    @Test
    void runsThatDidNotCompleteNeedNoDuration() {
        assertEquals(RunEvent.NOT_VALID, RunClassifier.latency(Outcome.DOWN, null, BELOW_3S));
        assertEquals(RunEvent.NOT_VALID, RunClassifier.latency(Outcome.ERROR, null, BELOW_3S));
    }

    @Test
    void aCompletedRunWithoutDurationIsAnError() {
        var error = assertThrows(NullPointerException.class, () -> RunClassifier.latency(Outcome.UP, null, BELOW_3S));
        assertEquals("a completed run's duration", error.getMessage());
    }
}

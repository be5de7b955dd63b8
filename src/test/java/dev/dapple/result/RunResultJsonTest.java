package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RunResult is what `run --json` prints and what remote probes will send: it must survive JSON unchanged. */
@MicronautTest(startApplication = false)
class RunResultJsonTest {

    @Inject
    JsonMapper json;

    @Test
    void aRunResultRoundTripsThroughJson() throws IOException {
        Instant planned = Instant.parse("2026-11-23T10:00:00Z");
        var failed = new StepResult(1, "search", StepOutcome.FAILED, 80_123L, null, 1_200L, null, 40_000L, true, 500,
                List.of(new StepResult.AssertionFailure("status < 400", "< 400", "500")), ErrorKind.ASSERTION,
                "status 500 is not < 400", "{\"error\":\"boom\"}", 1);
        var skipped = new StepResult(2, "pay", StepOutcome.SKIPPED, null, null, null, null, null, null, null,
                List.of(), null, null, null, 0);
        var run = new RunResult(RunIds.of("checkout", "local", planned), "checkout", "3f2a9c", "local", "embedded",
                planned, planned.plusMillis(3), 123_456L, Outcome.DOWN, ErrorKind.ASSERTION, "search failed",
                List.of(failed, skipped));

        String text = json.writeValueAsString(run);
        assertEquals(run, json.readValue(text, RunResult.class));
        assertTrue(text.contains("\"outcome\":\"DOWN\""), text);
        assertTrue(text.contains("\"plannedAt\":\"2026-11-23T10:00:00Z\""), text);
    }
}

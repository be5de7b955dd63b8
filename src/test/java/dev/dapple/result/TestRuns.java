package dev.dapple.result;

import java.time.Instant;
import java.util.List;

/** Results as a probe reports them, for the ingest tests. */
final class TestRuns {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private TestRuns() {
    }

    /** A three-step run planned {@code minute} minutes after T0: passed, failed with assertions, skipped. */
    static RunResult run(String journey, int minute) {
        Instant planned = T0.plusSeconds(60L * minute);
        var login = new StepResult(0, "login", StepOutcome.PASSED, 150_000L, 1_000L, 2_000L, 30_000L, 90_000L, true,
                200, List.of(), null, null, "{\"ok\":true}", 1);
        var search = new StepResult(1, "search", StepOutcome.FAILED, 80_123L, null, 1_200L, null, 40_000L, false, 500,
                List.of(new StepResult.AssertionFailure("status < 400", "< 400", "500"),
                        new StepResult.AssertionFailure("$.items exists", "present", null)),
                ErrorKind.ASSERTION, "status 500 is not < 400", "{\"error\":\"boom\"}", 1);
        var pay = new StepResult(2, "pay", StepOutcome.SKIPPED, null, null, null, null, null, null, null, List.of(),
                null, null, null, 0);
        return new RunResult(RunIds.of(journey, "eu-west", planned), journey, "3f2a9c", "eu-west", "embedded",
                planned, planned.plusMillis(3), 230_123L, Outcome.DOWN, ErrorKind.ASSERTION, "search failed",
                List.of(login, search, pay));
    }

    /** A missed run: never started, no steps. */
    static RunResult missed(String journey, int minute) {
        Instant planned = T0.plusSeconds(60L * minute);
        return new RunResult(RunIds.of(journey, "eu-west", planned), journey, "3f2a9c", "eu-west", "embedded",
                planned, null, null, Outcome.ERROR, ErrorKind.MISSED, "the probe was saturated", List.of());
    }
}

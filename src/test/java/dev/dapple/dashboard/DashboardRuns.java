package dev.dapple.dashboard;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A published journey and runs of it as a probe reports them, for the page tests over HTTP. */
final class DashboardRuns {

    static final String VERSION = "a1b2c3d4e5f60718293a";
    static final String JOURNEY = """
            name: checkout
            owner: team-payments
            interval: 1m
            steps:
              - name: login
                get: https://shop.example.com/login
                expect: [status == 200]
              - name: search
                get: https://shop.example.com/search
                expect: [status < 400]
              - name: pay
                get: https://shop.example.com/pay
            slo:
              availability: 99%
            """;

    private DashboardRuns() {
    }

    /**
     * One run a minute for the last {@code minutes} minutes at eu-west and us-east: login takes 100 ms, search
     * 200 ms, pay 50 ms; every tenth minute's eu-west run fails at search (status 500) and skips pay.
     */
    static List<RunResult> runs(Instant now, int minutes) {
        List<RunResult> runs = new ArrayList<>();
        Instant last = now.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
        for (int m = 0; m < minutes; m++) {
            Instant planned = last.minusSeconds(60L * m);
            for (String location : List.of("eu-west", "us-east")) {
                boolean fails = location.equals("eu-west") && m % 10 == 0;
                runs.add(run(location, planned, fails));
            }
        }
        return runs;
    }

    private static RunResult run(String location, Instant planned, boolean fails) {
        var login = new StepResult(0, "login", StepOutcome.PASSED, 100_000L, null, null, null, 60_000L, false, 200,
                List.of(), null, null, null, 1);
        var search = fails
                ? new StepResult(1, "search", StepOutcome.FAILED, 200_000L, null, null, null, 150_000L, false, 500,
                List.of(new StepResult.AssertionFailure("status < 400", "< 400", "500")), ErrorKind.ASSERTION,
                "status < 400: found 500", "{\"error\":\"boom\"}", 1)
                : new StepResult(1, "search", StepOutcome.PASSED, 200_000L, null, null, null, 150_000L, false, 200,
                List.of(), null, null, null, 1);
        var pay = fails
                ? new StepResult(2, "pay", StepOutcome.SKIPPED, null, null, null, null, null, null, null, List.of(),
                null, null, null, 0)
                : new StepResult(2, "pay", StepOutcome.PASSED, 50_000L, null, null, null, 30_000L, false, 200,
                List.of(), null, null, null, 1);
        return new RunResult(RunIds.of("checkout", location, planned), "checkout", VERSION, location, "embedded",
                planned, planned.plusMillis(2), fails ? 300_000L : 350_000L, fails ? Outcome.DOWN : Outcome.UP,
                fails ? ErrorKind.ASSERTION : null, fails ? "search: status < 400: found 500" : null,
                List.of(login, search, pay));
    }
}

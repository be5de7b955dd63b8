package dev.dapple.incident;

import static dev.dapple.incident.IncidentRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.incident.Observation.Kind;
import dev.dapple.journey.Slo;
import dev.dapple.maintenance.MaintenanceCalendar.Mode;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a stored run is seen by a tracker: good, bad (with its failing step) or ignored. */
class RunObservationsTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static Observation observe(Outcome outcome, Slo.Degraded degraded, Mode mode) {
        return RunObservations.of(run("checkout", "eu-west", T0, outcome), degraded, mode);
    }

    @Test
    void outcomesByTheSloRules() {
        assertEquals(Kind.GOOD, observe(Outcome.UP, Slo.Degraded.BAD, Mode.NONE).kind());
        assertEquals(Kind.GOOD, observe(Outcome.DEGRADED, Slo.Degraded.GOOD, Mode.NONE).kind());
        assertEquals(Kind.BAD, observe(Outcome.DEGRADED, Slo.Degraded.BAD, Mode.NONE).kind());
        assertEquals(Kind.BAD, observe(Outcome.DOWN, Slo.Degraded.GOOD, Mode.NONE).kind());
        assertEquals(Kind.IGNORED, observe(Outcome.ERROR, Slo.Degraded.GOOD, Mode.NONE).kind());
    }

    @Test
    void maintenanceIgnoresEveryRunAndADrillIsMarked() {
        assertEquals(Kind.IGNORED, observe(Outcome.DOWN, Slo.Degraded.GOOD, Mode.MAINTENANCE).kind());
        assertEquals(Kind.IGNORED, observe(Outcome.UP, Slo.Degraded.GOOD, Mode.MAINTENANCE).kind());
        Observation drill = observe(Outcome.DOWN, Slo.Degraded.GOOD, Mode.DRILL);
        assertEquals(Kind.BAD, drill.kind(), "runs in a drill still count");
        assertTrue(drill.drill());
    }

    @Test
    void aBadRunNamesItsFirstFailedStepAndItsFirstError() {
        assertEquals(IncidentRuns.LOGIN_TIMEOUT, observe(Outcome.DOWN, Slo.Degraded.GOOD, Mode.NONE).failingStep());
        assertEquals(IncidentRuns.PAY_503, observe(Outcome.DEGRADED, Slo.Degraded.BAD, Mode.NONE).failingStep(),
                "no error text: the first failed assertion");
        assertNull(observe(Outcome.UP, Slo.Degraded.GOOD, Mode.NONE).failingStep());
        RunResult timedOut = new RunResult(RunIds.of("checkout", "eu-west", T0), "checkout", "v1", "eu-west",
                "embedded", T0, T0, 30_000_000L, Outcome.DOWN, ErrorKind.TIMEOUT, "run timed out after 30s", List.of());
        assertEquals(new StateChange.FailingStep("(run)", "run timed out after 30s"),
                RunObservations.failingStep(timedOut), "no failed step: the run's own error");
    }
}

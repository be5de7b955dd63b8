package dev.dapple.rollup;

import dev.dapple.maintenance.TestCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar.Mode;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.slo.Objective;
import dev.dapple.slo.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one run counts for each objective ({@link dev.dapple.slo.ObjectiveEvents}), and time slices. */
class SloEventsTest {

    /** Friday 20 November 2026, 10:00 UTC: 11:00 in Berlin. */
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final String OBJECTIVES = """
            slo:
              availability: 99.5%
              latency: { below: 3s, target: 99% }
              steps:
                login: { below: 800ms, target: 99.9% }
            alert:
              locations: 2
            """;
    private static final Objective LOGIN_LATENCY = new Objective.StepLatency("login");
    private static final Objective LOGIN = new Objective.StepAvailability("login");
    private static final Objective SEARCH = new Objective.StepAvailability("search");
    private static final Objective PAY = new Objective.StepAvailability("pay");

    private final TestCalendar calendar = new TestCalendar();

    private Map<Objective, RunEvent> events(Journey journey, RunResult run) {
        return new SloEvents(journey == null ? List.of() : List.of(journey), calendar).events(run);
    }

    private static Map<Objective, RunEvent> expected(Object... pairs) {
        Map<Objective, RunEvent> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Objective) pairs[i], (RunEvent) pairs[i + 1]);
        }
        return map;
    }

    @Test
    void exactlyTheThresholdIsBadForRunAndStepLatency() {
        Journey checkout = SloJourneys.journey("checkout", OBJECTIVES);
        RunResult exactly = TestResults.run("checkout", "eu-west", AT, Outcome.UP, 0, 800_000, 1_000_000, 1_200_000);
        assertEquals(expected(Objective.AVAILABILITY, RunEvent.GOOD, Objective.LATENCY, RunEvent.BAD,
                LOGIN, RunEvent.GOOD, LOGIN_LATENCY, RunEvent.BAD, SEARCH, RunEvent.GOOD, PAY, RunEvent.GOOD),
                events(checkout, exactly), "3 s in all, 800 ms for login: both exactly at their threshold");
        RunResult faster = TestResults.run("checkout", "eu-west", AT, Outcome.UP, 0, 799_999, 1_000_000, 1_200_000);
        assertEquals(expected(Objective.AVAILABILITY, RunEvent.GOOD, Objective.LATENCY, RunEvent.GOOD,
                LOGIN, RunEvent.GOOD, LOGIN_LATENCY, RunEvent.GOOD, SEARCH, RunEvent.GOOD, PAY, RunEvent.GOOD),
                events(checkout, faster));
    }

    @Test
    void degradedIsGoodUnlessTheJourneySaysBad() {
        RunResult degraded = TestResults.run("checkout", "eu-west", AT, Outcome.DEGRADED, 0, 100_000, 100_000, 100_000);
        Map<Objective, RunEvent> good = events(SloJourneys.journey("checkout", OBJECTIVES), degraded);
        assertEquals(RunEvent.GOOD, good.get(Objective.AVAILABILITY));
        assertEquals(RunEvent.GOOD, good.get(Objective.LATENCY), "a degraded run completed: its latency counts");
        assertEquals(RunEvent.BAD, good.get(PAY), "pay failed with a response");
        Journey strict = SloJourneys.journey("checkout", "slo:\n  availability: 99%\n  degraded: bad");
        assertEquals(expected(Objective.AVAILABILITY, RunEvent.BAD, LOGIN, RunEvent.GOOD, SEARCH, RunEvent.GOOD,
                PAY, RunEvent.BAD), events(strict, degraded), "no latency objective: no latency events");
    }

    /** DOWN: search timed out, pay was skipped. */
    @Test
    void aDownRunCountsAgainstAvailabilityOnlyAndASkippedStepNotAtAll() {
        RunResult down = TestResults.run("checkout", "eu-west", AT, Outcome.DOWN, 0, 100_000, 5_000_000, 0);
        assertEquals(expected(Objective.AVAILABILITY, RunEvent.BAD, LOGIN, RunEvent.GOOD,
                LOGIN_LATENCY, RunEvent.GOOD, SEARCH, RunEvent.BAD),
                events(SloJourneys.journey("checkout", OBJECTIVES), down));
    }

    @Test
    void errorRunsAndMaintenanceCountForNothingButDrillsCount() {
        Journey checkout = SloJourneys.journey("checkout", OBJECTIVES);
        assertEquals(Map.of(), events(checkout, TestResults.missed("checkout", "eu-west", AT)));
        RunResult up = TestResults.run("checkout", "eu-west", AT, Outcome.UP, 0, 100_000, 100_000, 100_000);
        calendar.add("checkout", AT.minusSeconds(60), AT.plusSeconds(60), Mode.DRILL, AT);
        assertEquals(6, events(checkout, up).size(), "a drill's runs count");
        calendar.add("checkout", AT, AT.plusSeconds(1), Mode.MAINTENANCE, AT);
        assertEquals(Map.of(), events(checkout, up), "maintenance wins over the drill");
    }

    @Test
    void onlyRunsPlannedInsideBusinessHoursCount() {
        Journey office = SloJourneys.journey("checkout", "slo:\n  availability: 99%\n  hours: Mon-Fri 08:00-20:00 Europe/Berlin");
        RunResult in = TestResults.run("checkout", "eu-west", AT, Outcome.DOWN, 0, 1, 1, 1);
        RunResult evening = TestResults.run("checkout", "eu-west", Instant.parse("2026-11-20T19:00:00Z"),
                Outcome.DOWN, 0, 1, 1, 1);
        assertEquals(RunEvent.BAD, events(office, in).get(Objective.AVAILABILITY));
        assertEquals(Map.of(), events(office, evening), "20:00 in Berlin");
    }

    @Test
    void aJourneyNoLongerPublishedCountsAvailabilityWithTheDefaults() {
        RunResult degraded = TestResults.run("gone", "eu-west", AT, Outcome.DEGRADED, 0, 100_000, 100_000, 100_000);
        assertEquals(expected(Objective.AVAILABILITY, RunEvent.GOOD, LOGIN, RunEvent.GOOD, SEARCH, RunEvent.GOOD,
                PAY, RunEvent.BAD), events(null, degraded));
    }

    /**
     * A silent location (its probes stopped reporting, issue 9) leaves no runs: its missing planned times are no
     * events at all, neither bad occurrences nor bad slices, so no error budget burns while nobody measures.
     */
    @Test
    void aSilentLocationsMissingRunsAreNotFailures() {
        Journey checkout = SloJourneys.journey("checkout", OBJECTIVES);
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(TestResults.run("checkout", "us-east", AT.plusSeconds(60L * i), Outcome.UP, 0, 1, 1, 1));
        }
        runs.add(TestResults.run("checkout", "eu-west", AT, Outcome.UP, 0, 1, 1, 1)); // then eu-west falls silent
        Rollups rollups = new Rollups();
        new SloEvents(List.of(checkout), calendar).addTo(rollups, runs);

        assertEquals(List.of(3L, 0L), counts(rollups, "availability", RollupTable.TIMESLICES));
        assertEquals(List.of(1L, 0L), counts(rollups, "availability", "eu-west"));
        assertEquals(List.of(3L, 0L), counts(rollups, "availability", "us-east"));
    }

    /**
     * Three planned times at two locations, {@code alert.locations: 2}: eu-west alone down (a good slice), both down
     * (bad), both ERROR (no slice); latency: one slow location is not enough either.
     */
    @Test
    void aTimeSliceIsBadWhenEnoughLocationsAreBadAtIt() {
        Journey checkout = SloJourneys.journey("checkout", OBJECTIVES);
        Instant t2 = AT.plusSeconds(60);
        Instant t3 = AT.plusSeconds(120);
        List<RunResult> runs = List.of(
                TestResults.run("checkout", "eu-west", AT, Outcome.DOWN, 0, 1, 1, 1),
                TestResults.run("checkout", "us-east", AT, Outcome.UP, 0, 1_000_000, 1_000_000, 1_000_000),
                TestResults.run("checkout", "eu-west", t2, Outcome.DOWN, 0, 1, 1, 1),
                TestResults.run("checkout", "us-east", t2, Outcome.DOWN, 0, 1, 1, 1),
                TestResults.missed("checkout", "eu-west", t3),
                TestResults.missed("checkout", "us-east", t3));
        Rollups rollups = new Rollups();
        new SloEvents(List.of(checkout), calendar).addTo(rollups, runs);

        assertEquals(List.of(1L, 1L), counts(rollups, "availability", RollupTable.TIMESLICES));
        assertEquals(List.of(1L, 0L), counts(rollups, "latency", RollupTable.TIMESLICES),
                "only us-east completed at the first time, in exactly 3 s: one bad location of the 2 needed is a"
                        + " good slice; at the second, nothing completed: no slice");
        assertEquals(List.of(0L, 2L), counts(rollups, "availability", "eu-west"));
        assertEquals(List.of(1L, 1L), counts(rollups, "availability", "us-east"));
        assertEquals(List.of(0L, 1L), counts(rollups, "latency", "us-east"));
        assertEquals(false, rollups.of(RollupTable.SLO).containsKey(List.of("checkout", "step:login",
                RollupTable.TIMESLICES)), "steps: occurrences only");
    }

    /** good, bad */
    private static List<Long> counts(Rollups rollups, String objective, String location) {
        Tally tally = rollups.of(RollupTable.SLO).get(List.of("checkout", objective, location));
        return List.of(tally.count(0), tally.count(1));
    }
}

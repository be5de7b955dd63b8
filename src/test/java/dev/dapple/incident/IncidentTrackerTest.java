package dev.dapple.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.incident.Observation.Kind;
import dev.dapple.journey.Slo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tracker on hand-made run sequences; times are minutes after T0. */
class IncidentTrackerTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final StateChange.FailingStep PAY = new StateChange.FailingStep("pay", "expected status 200, got 503");
    static final StateChange.FailingStep LOGIN = new StateChange.FailingStep("login", "timed out after 5s");

    static Instant at(double minutes) {
        return T0.plusSeconds(Math.round(minutes * 60));
    }

    static Observation good(String location, double minute) {
        return new Observation(location, at(minute), Kind.GOOD, null, false);
    }

    static Observation bad(String location, double minute) {
        return new Observation(location, at(minute), Kind.BAD, PAY, false);
    }

    static Observation bad(String location, double minute, StateChange.FailingStep step) {
        return new Observation(location, at(minute), Kind.BAD, step, false);
    }

    static Observation ignored(String location, double minute) {
        return new Observation(location, at(minute), Kind.IGNORED, null, false);
    }

    static TrackerPolicy policy(int after, int locations, int recoverAfter) {
        return new TrackerPolicy(after, locations, recoverAfter, Slo.Degraded.GOOD, Duration.ofMinutes(3),
                Optional.of(Duration.ofMinutes(10)));
    }

    static IncidentTracker tracker(TrackerPolicy policy) {
        return new IncidentTracker(policy, TrackerState.empty());
    }

    @Test
    void opensBackdatedToTheFirstFailedRunAndEndsAtTheFirstGoodOne() {
        IncidentTracker tracker = tracker(policy(2, 1, 1));
        assertEquals(Optional.empty(), tracker.observe(good("eu", 0)));
        assertEquals(Optional.empty(), tracker.observe(bad("eu", 1)));
        var opened = assertInstanceOf(TrackerEvent.Opened.class, tracker.observe(bad("eu", 2)).orElseThrow());
        assertEquals(new TrackerEvent.Opened(at(1), List.of("eu"), List.of(PAY), 2, false), opened);
        assertEquals(Optional.empty(), tracker.observe(bad("eu", 3)));
        var resolved = assertInstanceOf(TrackerEvent.Resolved.class, tracker.observe(good("eu", 4)).orElseThrow());
        assertEquals(new TrackerEvent.Resolved(at(1), at(4), List.of("eu"), List.of(PAY), 3, false, false), resolved);
        assertEquals(Duration.ofMinutes(3), resolved.duration());
        assertTrue(tracker.open().isEmpty());
    }

    @Test
    void aLocationFailsOnlyAfterTheConfiguredRunsInARow() {
        IncidentTracker tracker = tracker(policy(3, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("eu", 2));
        assertEquals(Optional.empty(), tracker.observe(good("eu", 3)), "two are not three");
        tracker.observe(bad("eu", 4));
        assertEquals(Optional.empty(), tracker.observe(bad("eu", 5)));
        var opened = (TrackerEvent.Opened) tracker.observe(bad("eu", 6)).orElseThrow();
        assertEquals(at(4), opened.startedAt(), "the streak that reached three, not the broken one");
        assertEquals(3, opened.badRuns());
    }

    @Test
    void opensOnlyWhenEnoughLocationsFailAtOnce() {
        IncidentTracker tracker = tracker(policy(2, 2, 1));
        tracker.observe(bad("eu", 1));
        assertEquals(Optional.empty(), tracker.observe(bad("eu", 2)), "one failing location of two needed");
        tracker.observe(bad("us", 1.5));
        tracker.observe(bad("eu", 3));
        var opened = (TrackerEvent.Opened) tracker.observe(bad("us", 2.5)).orElseThrow();
        assertEquals(at(1), opened.startedAt(), "the earliest streak of the locations that opened it");
        assertEquals(List.of("eu", "us"), opened.locations());
        assertEquals(5, opened.badRuns(), "eu 1, 2, 3 and us 1.5, 2.5");
    }

    @Test
    void everyFailingLocationMustRecoverTheConfiguredRunsInARow() {
        IncidentTracker tracker = tracker(policy(1, 1, 2));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("us", 1.5, LOGIN));
        assertEquals(List.of("eu", "us"), tracker.open().orElseThrow().failing());
        tracker.observe(good("eu", 2));
        assertEquals(Optional.empty(), tracker.observe(good("eu", 3)), "us still fails");
        assertEquals(Optional.empty(), tracker.observe(good("us", 3.5)), "us has one good run of two");
        tracker.observe(bad("eu", 4)); // eu relapses: its recovery starts over
        tracker.observe(good("us", 4.5));
        tracker.observe(good("eu", 5));
        var resolved = (TrackerEvent.Resolved) tracker.observe(good("eu", 6)).orElseThrow();
        assertEquals(at(1), resolved.startedAt());
        assertEquals(at(5), resolved.endedAt(), "the later recovery's first good run");
        assertEquals(List.of(PAY, LOGIN), resolved.steps(), "each failing step once, in order");
        assertEquals(3, resolved.badRuns());
    }

    @Test
    void ignoredRunsNeitherBreakAStreakNorResolve() {
        IncidentTracker tracker = tracker(policy(2, 1, 1));
        tracker.observe(bad("eu", 1));
        assertEquals(Optional.empty(), tracker.observe(ignored("eu", 2)));
        var opened = (TrackerEvent.Opened) tracker.observe(bad("eu", 3)).orElseThrow();
        assertEquals(at(1), opened.startedAt());
        assertEquals(2, opened.badRuns(), "the ERROR run is not a bad run");
        assertEquals(Optional.empty(), tracker.observe(ignored("eu", 4)));
        assertTrue(tracker.open().isPresent());
        assertEquals(at(5), ((TrackerEvent.Resolved) tracker.observe(good("eu", 5)).orElseThrow()).endedAt());
    }

    @Test
    void aSilentLocationNeitherKeepsItOpenNorResolvesIt() {
        IncidentTracker tracker = tracker(policy(1, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("us", 1));
        tracker.observe(good("eu", 2)); // us says nothing more
        assertEquals(Optional.empty(), tracker.observe(good("eu", 3)));
        assertEquals(Optional.empty(), tracker.advance(at(4)), "us is silent only after 3 minutes");
        var resolved = (TrackerEvent.Resolved) tracker.advance(at(4.5)).orElseThrow();
        assertEquals(at(2), resolved.endedAt(), "eu's recovery resolved it");
        assertEquals(List.of("eu", "us"), resolved.locations());
    }

    @Test
    void everyFailingLocationSilentMeansNoDataUntilRunsArrive() {
        IncidentTracker tracker = tracker(policy(1, 1, 1));
        tracker.observe(good("eu", 0));
        tracker.observe(bad("eu", 1));
        tracker.advance(at(3.5));
        assertFalse(tracker.open().orElseThrow().noData());
        assertEquals(Optional.empty(), tracker.advance(at(4.5)), "silent: stays open");
        assertTrue(tracker.open().orElseThrow().noData());
        tracker.observe(ignored("eu", 5));
        assertEquals(Optional.empty(), tracker.advance(at(5.5)));
        assertTrue(tracker.open().orElseThrow().noData(), "an ERROR run is no data either");
        tracker.observe(bad("eu", 6));
        assertFalse(tracker.open().orElseThrow().noData(), "a run arrived");
        var resolved = (TrackerEvent.Resolved) tracker.observe(good("eu", 7)).orElseThrow();
        assertEquals(Duration.ofMinutes(6), resolved.duration());
    }

    @Test
    void aSilentLocationDoesNotHelpOpenOne() {
        IncidentTracker tracker = tracker(policy(2, 2, 1));
        tracker.observe(bad("eu", 0));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("us", 5));
        assertEquals(Optional.empty(), tracker.observe(bad("us", 6)), "eu failed, but four minutes ago");
    }

    @Test
    void recoveryLongerThanTheObjectiveIsABreach() {
        IncidentTracker tracker = tracker(policy(1, 1, 1));
        tracker.observe(bad("eu", 0));
        var exactly = (TrackerEvent.Resolved) tracker.observe(good("eu", 10)).orElseThrow();
        assertFalse(exactly.recoveryBreached(), "10 minutes is within a 10 minute objective");
        tracker.observe(bad("eu", 20));
        var longer = (TrackerEvent.Resolved) tracker.observe(good("eu", 30.5)).orElseThrow();
        assertTrue(longer.recoveryBreached());
        var noObjective = new IncidentTracker(new TrackerPolicy(1, 1, 1, Slo.Degraded.GOOD, Duration.ofMinutes(3),
                Optional.empty()), TrackerState.empty());
        noObjective.observe(bad("eu", 0));
        assertFalse(((TrackerEvent.Resolved) noObjective.observe(good("eu", 60)).orElseThrow()).recoveryBreached());
    }

    @Test
    void lateAndRepeatedRunsAreIgnored() {
        IncidentTracker tracker = tracker(policy(2, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("eu", 2));
        assertEquals(Optional.empty(), tracker.observe(good("eu", 1.5)), "planned before the last one: late");
        assertEquals(Optional.empty(), tracker.observe(bad("eu", 2)), "seen already");
        assertEquals(2, tracker.open().orElseThrow().badRuns());
    }

    @Test
    void aTrackerLoadedFromItsStateContinuesExactly() {
        IncidentTracker first = tracker(policy(2, 1, 2));
        first.observe(bad("eu", 1));
        first.observe(bad("eu", 2));
        first.observe(good("eu", 3));
        IncidentTracker second = new IncidentTracker(policy(2, 1, 2), first.state());
        assertEquals(Optional.empty(), second.observe(good("eu", 3)), "already seen before the restart");
        var resolved = (TrackerEvent.Resolved) second.observe(good("eu", 4)).orElseThrow();
        assertEquals(at(1), resolved.startedAt());
        assertEquals(at(3), resolved.endedAt());
    }

    @Test
    void aStreakLeftBySilentLocationIsNotBackdatedBeforeThePreviousEnd() {
        IncidentTracker tracker = tracker(policy(1, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("us", 1));
        tracker.observe(good("eu", 2)); // us falls silent, still failing
        var first = (TrackerEvent.Resolved) tracker.advance(at(4.5)).orElseThrow();
        assertEquals(at(2), first.endedAt());
        assertEquals(2, first.badRuns(), "eu 1 and us 1");
        var next = (TrackerEvent.Opened) tracker.observe(bad("us", 6)).orElseThrow();
        assertEquals(at(2), next.startedAt(), "us's streak began at 1, but the previous incident ended at 2");
        assertEquals(1, next.badRuns(), "us 6 only: us 1 was the previous incident's");
        assertEquals(List.of("us"), next.locations());
    }

    @Test
    void aStreakBelowTheThresholdAtTheEndIsNotCountedTwice() {
        IncidentTracker tracker = tracker(policy(2, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("eu", 2));
        tracker.observe(bad("us", 2.5)); // one of two: us is not failing yet
        var first = (TrackerEvent.Resolved) tracker.observe(good("eu", 3)).orElseThrow();
        assertEquals(3, first.badRuns(), "eu 1, 2 and us 2.5");
        var next = (TrackerEvent.Opened) tracker.observe(bad("us", 3.5)).orElseThrow();
        assertEquals(at(3), next.startedAt(), "us 2.5 and 3.5 are two in a row, but it starts at the previous end");
        assertEquals(1, next.badRuns(), "us 3.5 only");
        tracker.observe(bad("us", 4.5));
        var resolved = (TrackerEvent.Resolved) tracker.observe(good("us", 5)).orElseThrow();
        assertEquals(new TrackerEvent.Resolved(at(3), at(5), List.of("us"), List.of(PAY), 2, false, false), resolved);
    }

    @Test
    void aLateRunPlannedBeforeThePreviousEndIsNotCounted() {
        IncidentTracker tracker = tracker(policy(2, 1, 1));
        tracker.observe(bad("eu", 1));
        tracker.observe(bad("eu", 2));
        tracker.observe(good("eu", 3)); // ends at 3; us has not reported yet
        tracker.observe(bad("us", 2.5));
        var next = (TrackerEvent.Opened) tracker.observe(bad("us", 3.5)).orElseThrow();
        assertEquals(at(3), next.startedAt());
        assertEquals(1, next.badRuns(), "us 2.5 was planned before the previous end");
    }

    @Test
    void anIncidentOpenedInADrillIsMarked() {
        IncidentTracker tracker = tracker(policy(1, 1, 1));
        var opened = (TrackerEvent.Opened) tracker.observe(new Observation("eu", at(1), Kind.BAD, PAY, true))
                .orElseThrow();
        assertTrue(opened.drill());
        assertTrue(((TrackerEvent.Resolved) tracker.observe(good("eu", 2)).orElseThrow()).drill());
    }
}

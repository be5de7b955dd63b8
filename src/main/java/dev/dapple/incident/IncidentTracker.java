package dev.dapple.incident;

import dev.dapple.incident.TrackerState.LocationState;
import dev.dapple.incident.TrackerState.OpenIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides one journey's incidents from its runs, fed per location in planned order; no I/O, so a pass can load it
 * from the database, feed it and store it back in one transaction.
 *
 * <p>A location is failing after {@code after} consecutive non-good runs; an incident opens when at least
 * {@code locations} non-silent locations fail at once, backdated to the earliest of their streaks but never before the
 * previous incident's end. It resolves when every non-silent failing location has had {@code recoverAfter}
 * consecutive good runs (at least one must have), ending at the latest of those recoveries' first good runs. Ignored
 * runs (ERROR, maintenance) change nothing but the location's last planned time. A run planned no later than its
 * location's last processed run is late (or a repeat) and ignored: streaks are never rewritten after the fact.
 */
public final class IncidentTracker {

    private final TrackerPolicy policy;
    private final Map<String, LocationState> locations;
    private OpenIncident open;
    private Instant evaluatedTo;
    private Instant lastEnded;

    public IncidentTracker(TrackerPolicy policy, TrackerState state) {
        this.policy = policy;
        this.locations = new TreeMap<>(state.locations());
        this.open = state.open();
        this.evaluatedTo = state.evaluatedTo();
        this.lastEnded = state.lastEnded();
    }

    public TrackerState state() {
        return new TrackerState(locations, open, evaluatedTo, lastEnded);
    }

    public Optional<OpenIncident> open() {
        return Optional.ofNullable(open);
    }

    /** Feeds one run; returns the incident it opened or resolved, if any. */
    public Optional<TrackerEvent> observe(Observation run) {
        LocationState before = locations.get(run.location());
        if (before != null && !run.plannedAt().isAfter(before.lastPlanned())) {
            return Optional.empty();
        }
        if (run.kind() == Observation.Kind.IGNORED) {
            locations.put(run.location(), before == null
                    ? new LocationState(run.plannedAt(), null, 0, null, List.of(), 0, null, 0)
                    : new LocationState(run.plannedAt(), before.lastValid(), before.badRuns(), before.badSince(),
                    before.badSteps(), before.goodRuns(), before.goodSince(), before.priorBadRuns()));
            return Optional.empty();
        }
        LocationState after = run.kind() == Observation.Kind.BAD ? bad(before, run) : good(before, run);
        locations.put(run.location(), after);
        if (open == null) {
            return opened(run);
        }
        if (run.kind() == Observation.Kind.BAD) {
            TreeSet<String> failing = new TreeSet<>(open.failing());
            if (after.badRuns() >= policy.after()) {
                failing.add(run.location());
            }
            open = new OpenIncident(open.startedAt(), List.copyOf(failing), withStep(open.steps(), run.failingStep()),
                    open.badRuns() + 1, open.drill(), open.noData());
        }
        return judge(run.plannedAt());
    }

    /** Judges silence at {@code now} (nothing later arrived): may resolve the open incident or mark it no data. */
    public Optional<TrackerEvent> advance(Instant now) {
        if (evaluatedTo != null && !now.isAfter(evaluatedTo)) {
            return Optional.empty();
        }
        evaluatedTo = now;
        return open == null ? Optional.empty() : judge(now);
    }

    private LocationState bad(LocationState before, Observation run) {
        boolean streak = before != null && before.badRuns() > 0;
        int prior = lastEnded != null && run.plannedAt().isBefore(lastEnded) ? 1 : 0;
        return new LocationState(run.plannedAt(), run.plannedAt(), streak ? before.badRuns() + 1 : 1,
                streak ? before.badSince() : run.plannedAt(),
                withStep(streak ? before.badSteps() : List.of(), run.failingStep()), 0, null,
                streak ? before.priorBadRuns() + prior : prior);
    }

    private static LocationState good(LocationState before, Observation run) {
        boolean streak = before != null && before.goodRuns() > 0;
        return new LocationState(run.plannedAt(), run.plannedAt(), 0, null, List.of(),
                streak ? before.goodRuns() + 1 : 1, streak ? before.goodSince() : run.plannedAt(), 0);
    }

    private Optional<TrackerEvent> opened(Observation run) {
        Instant at = run.plannedAt();
        List<String> failing = locations.entrySet().stream()
                .filter(e -> e.getValue().badRuns() >= policy.after() && !silent(e.getValue(), at))
                .map(Map.Entry::getKey).toList();
        if (failing.size() < policy.locations()) {
            return Optional.empty();
        }
        Instant start = failing.stream().map(l -> countedSince(locations.get(l))).min(Instant::compareTo)
                .orElseThrow();
        // The streaks since the start are part of it, in every location (those not failing yet too).
        List<LocationState> since = locations.values().stream()
                .filter(l -> l.badRuns() > l.priorBadRuns() && !countedSince(l).isBefore(start))
                .sorted((a, b) -> a.badSince().compareTo(b.badSince())).toList();
        List<StateChange.FailingStep> steps = List.of();
        for (LocationState location : since) {
            for (StateChange.FailingStep step : location.badSteps()) {
                steps = withStep(steps, step);
            }
        }
        int badRuns = since.stream().mapToInt(l -> l.badRuns() - l.priorBadRuns()).sum();
        open = new OpenIncident(start, failing, steps, badRuns, run.drill(), false);
        return Optional.of(new TrackerEvent.Opened(start, failing, steps, badRuns, run.drill()));
    }

    /** Resolves the open incident when its non-silent failing locations all recovered; else updates no data. */
    private Optional<TrackerEvent> judge(Instant at) {
        List<LocationState> active = open.failing().stream().map(locations::get).filter(l -> !silent(l, at)).toList();
        if (active.isEmpty()) {
            open = withNoData(true);
            return Optional.empty();
        }
        open = withNoData(false);
        if (!active.stream().allMatch(l -> l.goodRuns() >= policy.recoverAfter())) {
            return Optional.empty();
        }
        Instant end = active.stream().map(LocationState::goodSince).max(Instant::compareTo).orElseThrow();
        boolean breached = policy.recovery().map(r -> Duration.between(open.startedAt(), end).compareTo(r) > 0)
                .orElse(false);
        var resolved = new TrackerEvent.Resolved(open.startedAt(), end, open.failing(), open.steps(), open.badRuns(),
                open.drill(), breached);
        open = null;
        lastEnded = end;
        // A streak left behind (a silent location, one below alert.after) counts toward after, never again in badRuns.
        locations.replaceAll((name, l) -> l.badRuns() == 0 ? l : new LocationState(l.lastPlanned(), l.lastValid(),
                l.badRuns(), l.badSince(), l.badSteps(), l.goodRuns(), l.goodSince(), l.badRuns()));
        return Optional.of(resolved);
    }

    private OpenIncident withNoData(boolean noData) {
        return new OpenIncident(open.startedAt(), open.failing(), open.steps(), open.badRuns(), open.drill(), noData);
    }

    /** Where a location's streak starts for the next incident: never before the previous incident's end. */
    private Instant countedSince(LocationState location) {
        return lastEnded != null && location.badSince().isBefore(lastEnded) ? lastEnded : location.badSince();
    }

    private boolean silent(LocationState location, Instant at) {
        return location.lastValid() == null || Duration.between(location.lastValid(), at).compareTo(policy.silence()) > 0;
    }

    /** {@code steps} plus {@code step} unless a step of that name is there already (its first error stays). */
    private static List<StateChange.FailingStep> withStep(List<StateChange.FailingStep> steps,
                                                          StateChange.FailingStep step) {
        if (step == null || steps.stream().anyMatch(s -> s.step().equals(step.step()))) {
            return steps;
        }
        List<StateChange.FailingStep> more = new ArrayList<>(steps);
        more.add(step);
        return more;
    }
}

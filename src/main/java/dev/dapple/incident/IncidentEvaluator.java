package dev.dapple.incident;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides incidents from stored runs, one pass at a time (the leader calls {@link #pass} every few seconds): the runs
 * received since the stored position are fed, in planned order, to each journey's {@link IncidentTracker}, and for
 * each journey ONE transaction writes its incident rows, its tracker and the state changes. Every such transaction
 * first locks the progress row, so two servers that both believe they lead take turns; and the tracker, read back
 * inside that lock, ignores any run planned no later than its location's last one, so a run read twice (the commit
 * slack, a pass repeated after a crash, a second server) changes nothing and no state change is emitted twice.
 * An open incident of a journey no longer published resolves at the journey's last evaluated run.
 */
@Singleton
public final class IncidentEvaluator {

    /**
     * Each pass looks again at the runs received this long before its position: an ingest transaction stamps
     * {@code received_at} before it commits, so a run may become visible a little after its time.
     */
    static final Duration COMMIT_SLACK = Duration.ofSeconds(10);
    /** A pass reads at most this much receive time, so a leader after a long outage catches up in steps. */
    static final Duration MAX_SPAN = Duration.ofHours(1);

    /** What one pass did; {@code behind} when it stopped short of now. */
    public record Pass(int runs, int opened, int resolved, boolean behind) {
        static final Pass IDLE = new Pass(0, 0, 0, false);
    }

    private final IncidentStore store;
    private final RunReader reader;
    private final StateChanges changes;
    private final MaintenanceCalendar calendar;
    private final Supplier<List<Journey>> journeys;
    private final Clock clock;

    @Inject
    IncidentEvaluator(IncidentStore store, RunReader reader, StateChanges changes, MaintenanceCalendar calendar,
                      Catalog catalog, Clock clock) {
        this(store, reader, changes, calendar, catalog::current, clock);
    }

    /** For tests: journeys given directly rather than published. */
    IncidentEvaluator(IncidentStore store, RunReader reader, StateChanges changes, MaintenanceCalendar calendar,
                      Supplier<List<Journey>> journeys, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.changes = changes;
        this.calendar = calendar;
        this.journeys = journeys;
        this.clock = clock;
    }

    /** One pass at wall-clock time {@code now}. */
    public synchronized Pass pass(Instant now) throws SQLException {
        Optional<Instant> position;
        try (Connection connection = store.connection()) {
            position = store.position(connection, false);
        }
        if (position.isEmpty()) {
            position = reader.firstReceived(); // the first pass evaluates every stored run
            if (position.isEmpty()) {
                return Pass.IDLE;
            }
        }
        Instant to = min(now, position.get().plus(MAX_SPAN));
        List<RunResult> runs = reader.received(position.get().minus(COMMIT_SLACK), to);
        Map<String, List<RunResult>> byJourney = runs.stream()
                .collect(Collectors.groupingBy(RunResult::journey, LinkedHashMap::new, Collectors.toList()));
        Map<String, Journey> published = journeys.get().stream()
                .collect(Collectors.toMap(Journey::name, Function.identity()));
        TreeSet<String> names = new TreeSet<>(byJourney.keySet());
        List<String> withOpenIncidents = store.journeysWithOpenIncidents();
        names.addAll(withOpenIncidents);
        names.retainAll(published.keySet()); // runs of a journey no longer published are not evaluated
        int opened = 0;
        int resolved = 0;
        for (String name : withOpenIncidents) {
            if (!published.containsKey(name)) {
                resolved += withdraw(name);
            }
        }
        for (String name : names) {
            Counts counts = evaluate(published.get(name), byJourney.getOrDefault(name, List.of()), to);
            opened += counts.opened();
            resolved += counts.resolved();
        }
        inTransaction(store::connection, connection -> {
            Optional<Instant> stored = store.position(connection, true);
            if (stored.isEmpty() || stored.get().isBefore(to)) {
                store.setPosition(connection, to);
            }
            return null;
        });
        return new Pass(runs.size(), opened, resolved, to.isBefore(now));
    }

    private record Counts(int opened, int resolved) {
    }

    /** One journey's runs, its silence judged at {@code horizon}: one transaction. */
    private Counts evaluate(Journey journey, List<RunResult> runs, Instant horizon) throws SQLException {
        TrackerPolicy policy = TrackerPolicy.of(journey);
        return inTransaction(store::connection, connection -> {
            store.position(connection, true); // one evaluator at a time, whichever server it runs on
            IncidentStore.Tracked tracked = store.tracker(connection, journey.name());
            IncidentTracker tracker = new IncidentTracker(policy, tracked.state());
            Long open = tracked.openIncident();
            int opened = 0;
            int resolved = 0;
            List<RunResult> ordered = runs.stream().sorted(Comparator.comparing(RunResult::plannedAt)
                    .thenComparing(RunResult::location)).toList();
            for (RunResult run : ordered) {
                MaintenanceCalendar.Mode mode = calendar.modeAt(journey.name(), journey.tags(), run.plannedAt());
                Optional<TrackerEvent> event = tracker.observe(RunObservations.of(run, policy.degraded(), mode));
                if (event.isPresent()) {
                    open = apply(connection, journey.name(), open, event.get());
                    opened += open != null ? 1 : 0;
                    resolved += open == null ? 1 : 0;
                }
            }
            Optional<TrackerEvent> event = tracker.advance(horizon);
            if (event.isPresent()) {
                open = apply(connection, journey.name(), open, event.get());
                resolved++;
            }
            if (open != null) {
                store.update(connection, open, tracker.open().orElseThrow());
            }
            store.saveTracker(connection, journey.name(), new IncidentStore.Tracked(open, tracker.state()));
            return new Counts(opened, resolved);
        });
    }

    /**
     * Resolves the open incident of a journey no longer published, at the planned time of its last evaluated run (no
     * recovery objective any more, so no breach), and drops its tracker: one transaction, which finds nothing to do
     * when another pass got there first. Returns how many it resolved (0 or 1).
     */
    private int withdraw(String journey) throws SQLException {
        return inTransaction(store::connection, connection -> {
            store.position(connection, true);
            IncidentStore.Tracked tracked = store.tracker(connection, journey);
            TrackerState.OpenIncident open = tracked.state().open();
            if (tracked.openIncident() == null || open == null) {
                return 0;
            }
            Instant end = tracked.state().locations().values().stream().map(TrackerState.LocationState::lastPlanned)
                    .max(Instant::compareTo).orElse(open.startedAt());
            apply(connection, journey, tracked.openIncident(), new TrackerEvent.Resolved(open.startedAt(), end,
                    open.failing(), open.steps(), open.badRuns(), open.drill(), false));
            store.dropTracker(connection, journey);
            return 1;
        });
    }

    /** Writes an opened or resolved incident and its state change; returns the id of the incident now open. */
    private Long apply(Connection connection, String journey, Long open, TrackerEvent event) throws SQLException {
        Instant now = clock.instant();
        return switch (event) {
            case TrackerEvent.Opened o -> {
                long id = store.insert(connection, journey, o, now);
                changes.record(connection, new StateChange.IncidentOpened(journey, id, o.startedAt(), o.locations(),
                        o.steps(), o.drill()));
                yield id;
            }
            case TrackerEvent.Resolved r -> {
                store.resolve(connection, open, r, now);
                changes.record(connection, new StateChange.IncidentResolved(journey, open, r.endedAt(), r.duration(),
                        r.recoveryBreached(), r.drill()));
                yield null;
            }
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

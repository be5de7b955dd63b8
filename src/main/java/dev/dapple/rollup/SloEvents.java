package dev.dapple.rollup;

import dev.dapple.journey.Journey;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.result.RunResult;
import dev.dapple.slo.Objective;
import dev.dapple.slo.ObjectiveEvents;
import dev.dapple.slo.RunEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Adds the SLO events of runs to {@link RollupTable#SLO} rows: per location (occurrences) and, under location
 * {@link RollupTable#TIMESLICES}, per planned time (time slices of availability and latency). Runs of one planned time
 * must be added together, which a minute (or any span of planned times) guarantees.
 */
final class SloEvents {

    private static final List<Objective> SLICED = List.of(Objective.AVAILABILITY, Objective.LATENCY);

    private final Map<String, Journey> journeys;
    private final MaintenanceCalendar calendar;

    SloEvents(List<Journey> journeys, MaintenanceCalendar calendar) {
        this.journeys = journeys.stream().collect(Collectors.toMap(Journey::name, Function.identity(), (a, b) -> a));
        this.calendar = calendar;
    }

    /** The events of one run, by objective (only valid ones). */
    Map<Objective, RunEvent> events(RunResult run) {
        Journey journey = journeys.get(run.journey());
        MaintenanceCalendar.Mode mode = calendar.modeAt(run.journey(),
                journey == null ? List.of() : journey.tags(), run.plannedAt());
        return ObjectiveEvents.of(journey, run, mode);
    }

    void addTo(Rollups rollups, Collection<RunResult> runs) {
        Map<PlannedTime, Map<Objective, Slice>> slices = new LinkedHashMap<>();
        for (RunResult run : runs) {
            Map<Objective, RunEvent> events = events(run);
            events.forEach((objective, event) -> count(rollups, run.journey(), objective, run.location(), event));
            for (Objective objective : SLICED) {
                RunEvent event = events.get(objective);
                if (event != null) {
                    slices.computeIfAbsent(new PlannedTime(run.journey(), run.plannedAt()), p -> new HashMap<>())
                            .computeIfAbsent(objective, o -> new Slice()).add(run.location(), event);
                }
            }
        }
        slices.forEach((time, byObjective) -> {
            int badLocations = ObjectiveEvents.badLocationsForTimeslice(journeys.get(time.journey()));
            byObjective.forEach((objective, slice) -> count(rollups, time.journey(), objective,
                    RollupTable.TIMESLICES, slice.badAt.size() >= badLocations ? RunEvent.BAD : RunEvent.GOOD));
        });
    }

    private static void count(Rollups rollups, String journey, Objective objective, String location, RunEvent event) {
        rollups.tally(RollupTable.SLO, List.of(journey, objective.key(), location))
                .increment(RollupTable.SLO.counter(event.name()));
    }

    private record PlannedTime(String journey, Instant plannedAt) {
    }

    /** One planned time of one objective: it had a valid event (else it would not exist), and where it was bad. */
    private static final class Slice {
        final Set<String> badAt = new HashSet<>();

        void add(String location, RunEvent event) {
            if (event == RunEvent.BAD) {
                badAt.add(location);
            }
        }
    }
}

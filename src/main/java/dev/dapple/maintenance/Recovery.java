package dev.dapple.maintenance;

import dev.dapple.journey.Slo;
import dev.dapple.result.RunResult;
import dev.dapple.slo.RunClassifier;
import dev.dapple.slo.RunEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The measured workflow recovery time of one journey in a drill: from its first failed run in the drill to the first
 * good run after it, per location and overall (from the first failure anywhere until every location that failed had a
 * good run again, as an incident resolves), judged against the journey's recovery objective.
 *
 * @param seconds the recovery time; null when nothing failed or it has not recovered
 */
@Serdeable
public record Recovery(Verdict verdict, @Nullable Instant failedAt, @Nullable Instant recoveredAt,
                       @Nullable Long seconds) {

    public enum Verdict {
        /** No run was planned during the drill (none yet, or raw-run retention has removed them). */
        NO_DATA,
        /** No run failed during the drill. */
        NO_FAILURE,
        /** Recovered within the objective (or exactly at it). */
        MET,
        /** Recovered, but took longer than the objective. */
        BREACHED,
        /** Recovered; the journey has no recovery objective to judge it by. */
        RECOVERED,
        /** A location that failed has had no good run since. */
        NOT_RECOVERED
    }

    /** Per location (by name) and overall. */
    @Serdeable
    public record PerJourney(String journey, @Nullable String objective, Recovery overall, Map<String, Recovery> locations) {
    }

    static final Recovery NO_FAILURE = new Recovery(Verdict.NO_FAILURE, null, null, null);
    static final Recovery NO_DATA = new Recovery(Verdict.NO_DATA, null, null, null);

    /**
     * @param runs      the journey's runs from the drill's start on, oldest first (runs after the drill may hold the
     *                  recovery)
     * @param drillEnd  only a failure before it counts
     * @param objective the journey's {@code slo.recovery}, if any
     */
    static PerJourney of(String journey, List<RunResult> runs, Instant drillEnd, Slo.Degraded degraded,
                         @Nullable Duration objective) {
        Map<String, List<RunResult>> byLocation = runs.stream()
                .collect(Collectors.groupingBy(RunResult::location, TreeMap::new, Collectors.toList()));
        var locations = new TreeMap<String, Recovery>();
        byLocation.forEach((location, own) -> locations.put(location, location(own, drillEnd, degraded, objective)));
        return new PerJourney(journey, objective == null ? null : dev.dapple.journey.DurationParser.format(objective),
                overall(locations.values(), objective), locations);
    }

    private static Recovery location(List<RunResult> runs, Instant drillEnd, Slo.Degraded degraded,
                                     @Nullable Duration objective) {
        if (runs.stream().noneMatch(run -> run.plannedAt().isBefore(drillEnd))) {
            return NO_DATA;
        }
        Instant failed = null;
        for (RunResult run : runs) {
            RunEvent event = RunClassifier.availability(run.outcome(), degraded);
            if (failed == null && event == RunEvent.BAD && run.plannedAt().isBefore(drillEnd)) {
                failed = run.plannedAt();
            } else if (failed != null && event == RunEvent.GOOD) {
                return judged(failed, run.plannedAt(), objective);
            }
        }
        return failed == null ? NO_FAILURE : new Recovery(Verdict.NOT_RECOVERED, failed, null, null);
    }

    private static Recovery overall(java.util.Collection<Recovery> locations, @Nullable Duration objective) {
        if (locations.stream().allMatch(r -> r.verdict() == Verdict.NO_DATA)) {
            return NO_DATA;
        }
        List<Recovery> failed = locations.stream().filter(r -> r.failedAt() != null).toList();
        if (failed.isEmpty()) {
            return NO_FAILURE;
        }
        Instant first = failed.stream().map(Recovery::failedAt).min(Instant::compareTo).orElseThrow();
        if (failed.stream().anyMatch(r -> r.recoveredAt() == null)) {
            return new Recovery(Verdict.NOT_RECOVERED, first, null, null);
        }
        Instant last = failed.stream().map(Recovery::recoveredAt).max(Instant::compareTo).orElseThrow();
        return judged(first, last, objective);
    }

    private static Recovery judged(Instant failed, Instant recovered, @Nullable Duration objective) {
        Duration took = Duration.between(failed, recovered);
        Verdict verdict = objective == null ? Verdict.RECOVERED
                : took.compareTo(objective) <= 0 ? Verdict.MET : Verdict.BREACHED;
        return new Recovery(verdict, failed, recovered, took.toSeconds());
    }
}

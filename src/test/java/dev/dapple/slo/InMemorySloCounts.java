package dev.dapple.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SloCounts} fed hand-computed counts, so the evaluator's arithmetic is tested on the SRE workbook's numbers
 * without writing thousands of runs (the rollup-backed counts have their own contract, SloCountsContract, and the
 * scenario test IncidentScenarioTest checks the two together). Each entry is some good and bad events at one
 * instant; a count sums the entries of the journey in [from, to), as rollup buckets would.
 */
final class InMemorySloCounts implements SloCounts {

    private record Entry(String journey, Objective objective, String location, Instant at, EventCounts events) {
    }

    /** A location of {@code null} marks timeslice counts. */
    private final List<Entry> entries = new ArrayList<>();
    final List<Instant[]> queries = new ArrayList<>();

    synchronized InMemorySloCounts add(String journey, Objective objective, String location, Instant at, long good,
                                      long bad) {
        entries.add(new Entry(journey, objective, location, at, new EventCounts(good, bad)));
        return this;
    }

    synchronized InMemorySloCounts timeslices(String journey, Objective objective, Instant at, long good, long bad) {
        return add(journey, objective, null, at, good, bad);
    }

    synchronized void clear() {
        entries.clear();
        queries.clear();
    }

    @Override
    public synchronized Counts count(String journey, Instant from, Instant to) {
        queries.add(new Instant[] {from, to});
        return tally(journey, from, to);
    }

    @Override
    public synchronized Map<String, Counts> countAll(Instant from, Instant to) {
        queries.add(new Instant[] {from, to});
        Map<String, Counts> all = new HashMap<>();
        for (Entry e : entries) {
            if (!all.containsKey(e.journey()) && !e.at().isBefore(from) && e.at().isBefore(to)) {
                all.put(e.journey(), tally(e.journey(), from, to));
            }
        }
        return all;
    }

    private Counts tally(String journey, Instant from, Instant to) {
        Map<Objective, Map<String, EventCounts>> perLocation = new HashMap<>();
        Map<Objective, EventCounts> timeslices = new HashMap<>();
        for (Entry e : entries) {
            if (!e.journey().equals(journey) || e.at().isBefore(from) || !e.at().isBefore(to)) {
                continue;
            }
            if (e.location() == null) {
                timeslices.merge(e.objective(), e.events(), EventCounts::plus);
            } else {
                perLocation.computeIfAbsent(e.objective(), o -> new HashMap<>())
                        .merge(e.location(), e.events(), EventCounts::plus);
            }
        }
        return new Counts(perLocation, timeslices);
    }
}

package dev.dapple.slo;

import java.time.Instant;
import java.util.Map;

/**
 * Good and bad events of a journey's objectives over a span, from the SLO rollups (O(buckets)) plus the raw runs of
 * the edges and of minutes not derived yet. Runs outside business hours, in maintenance windows or with outcome ERROR
 * are not counted.
 */
public interface SloCounts {

    /**
     * @param perLocation occurrences: each objective's events per location (pooled = their sum)
     * @param timeslices  per objective, planned times: bad when at least {@code alert.locations} locations were bad
     *                    at it, good when valid somewhere and not bad (only availability and latency)
     */
    record Counts(Map<Objective, Map<String, EventCounts>> perLocation, Map<Objective, EventCounts> timeslices) {

        /** No events at all. */
        public static final Counts NONE = new Counts(Map.of(), Map.of());

        public Counts {
            perLocation = Map.copyOf(perLocation);
            timeslices = Map.copyOf(timeslices);
        }

        /** Occurrences pooled over locations. */
        public EventCounts pooled(Objective objective) {
            return perLocation.getOrDefault(objective, Map.of()).values().stream()
                    .reduce(EventCounts.NONE, EventCounts::plus);
        }
    }

    /** The events of {@code journey}'s objectives planned in [from, to). */
    Counts count(String journey, Instant from, Instant to);

    /**
     * Every journey's events planned in [from, to), in about as many queries as one journey's: for an evaluator that
     * looks at every journey over the same spans. Journeys without events are left out.
     */
    Map<String, Counts> countAll(Instant from, Instant to);
}

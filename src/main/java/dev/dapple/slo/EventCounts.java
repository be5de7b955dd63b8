package dev.dapple.slo;

import java.util.OptionalDouble;

/**
 * Good and bad events over some span, the only input SLO arithmetic needs: summing these per rollup bucket keeps every
 * figure O(buckets), not O(runs). Events that are not valid (ERROR runs, maintenance) are simply not counted.
 *
 * <p>Ratios are doubles: counts up to 2^53 convert exactly, and a ratio's relative rounding error (~1e-16) is far below
 * anything a dashboard or an alert threshold can tell apart.
 *
 * @param good events that met the objective
 * @param bad  events that did not
 */
public record EventCounts(long good, long bad) {

    public static final EventCounts NONE = new EventCounts(0, 0);

    public EventCounts {
        if (good < 0 || bad < 0) {
            throw new IllegalArgumentException("event counts cannot be negative: good " + good + ", bad " + bad);
        }
        Math.addExact(good, bad); // valid() must not overflow; fail here, where the bad counts came in
    }

    /** Every event that counts for the objective. */
    public long valid() {
        return good + bad;
    }

    /** good / valid; empty without valid events, because no data is unknown, not 100%. */
    public OptionalDouble sli() {
        return valid() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / valid());
    }

    /** bad / valid; empty without valid events. */
    public OptionalDouble errorRatio() {
        return valid() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad / valid());
    }

    /** The counts of two spans together, for summing rollup buckets. */
    public EventCounts plus(EventCounts other) {
        return new EventCounts(Math.addExact(good, other.good), Math.addExact(bad, other.bad));
    }
}

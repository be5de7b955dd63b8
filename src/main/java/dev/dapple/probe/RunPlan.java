package dev.dapple.probe;

import java.time.Instant;
import java.util.Map;

/**
 * One run to perform: where, by whom, for which planned time, and variable values that replace the journey's own
 * (from {@code run --var k=v}).
 */
public record RunPlan(String location, String probe, Instant plannedAt, Map<String, String> overrides) {

    public RunPlan {
        overrides = Map.copyOf(overrides);
    }
}

package dev.dapple.slo;

import java.util.Objects;

/**
 * What a journey's SLO counts events for. Stored by {@link #key()} (e.g. {@code latency:login}) in the SLO rollups,
 * so adding a kind needs no schema change.
 */
public sealed interface Objective {

    String key();

    /** Whole runs: good when UP (or DEGRADED unless {@code degraded: bad}). */
    record Availability() implements Objective {
        public String key() {
            return "availability";
        }
    }

    /** Whole completed runs faster than the journey's {@code latency.below}. */
    record Latency() implements Objective {
        public String key() {
            return "latency";
        }
    }

    /** One step's completed executions faster than its {@code slo.steps} threshold. */
    record StepLatency(String step) implements Objective {
        public StepLatency {
            Objects.requireNonNull(step, "step");
        }

        public String key() {
            return "latency:" + step;
        }
    }

    /**
     * One step's own availability (process availability): good when it ran and passed, bad when it ran and failed;
     * a skipped step does not count. Always counted, whatever the journey's objectives, to set beside the workflow's.
     */
    record StepAvailability(String step) implements Objective {
        public StepAvailability {
            Objects.requireNonNull(step, "step");
        }

        public String key() {
            return "step:" + step;
        }
    }

    Availability AVAILABILITY = new Availability();
    Latency LATENCY = new Latency();

    /** The objective a stored key names. */
    static Objective parse(String key) {
        if (key.equals("availability")) {
            return AVAILABILITY;
        }
        if (key.equals("latency")) {
            return LATENCY;
        }
        if (key.startsWith("latency:")) {
            return new StepLatency(key.substring("latency:".length()));
        }
        if (key.startsWith("step:")) {
            return new StepAvailability(key.substring("step:".length()));
        }
        throw new IllegalArgumentException("unknown SLO objective '" + key + "'");
    }
}

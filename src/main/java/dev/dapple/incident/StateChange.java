package dev.dapple.incident;

import dev.dapple.slo.BurnRateRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A state change the evaluator decided, the only thing alert delivery needs to know of. Each is written through
 * {@link StateChanges} in the transaction that makes the change, so it is emitted exactly once.
 */
public sealed interface StateChange {

    /** The kind as stored, e.g. {@code incident-opened}. */
    String kind();

    /** The journey it concerns; null for a drill, which may cover several. */
    String journey();

    /** What changed, stable across retries: the incident id, the burn alert's key or the drill id. */
    String subject();

    /** When it happened; an incident opens at its first failed run, not when the threshold tripped. */
    Instant at();

    /** Whether it belongs to a drill: only channels marked for drills hear of it. */
    boolean drill();

    /** A failing step of an incident and its first error. */
    @Serdeable
    record FailingStep(String step, String firstError) {
    }

    @Serdeable
    record IncidentOpened(String journey, long incident, Instant at, List<String> locations,
                          List<FailingStep> failingSteps, boolean drill) implements StateChange {
        public IncidentOpened {
            locations = List.copyOf(locations);
            failingSteps = List.copyOf(failingSteps);
        }

        public String kind() {
            return "incident-opened";
        }

        public String subject() {
            return "incident-" + incident;
        }
    }

    /** @param recoveryBreached whether it lasted longer than the journey's recovery objective */
    @Serdeable
    record IncidentResolved(String journey, long incident, Instant at, Duration duration, boolean recoveryBreached,
                            boolean drill) implements StateChange {
        public String kind() {
            return "incident-resolved";
        }

        public String subject() {
            return "incident-" + incident;
        }
    }

    /**
     * @param objective e.g. {@code availability}, {@code latency}, {@code latency:login}
     * @param rule      which of the rules, e.g. {@code page-1h}
     */
    @Serdeable
    record BurnAlertFired(String journey, String objective, String rule, BurnRateRule.Urgency urgency,
                          double burnRate, double threshold, Instant at, boolean drill) implements StateChange {
        public String kind() {
            return "burn-alert-fired";
        }

        public String subject() {
            return burnAlertKey(journey, objective, rule);
        }
    }

    /**
     * @param firedAt when this episode fired (its alert's key names it); null in changes recorded before it was kept
     */
    @Serdeable
    record BurnAlertResolved(String journey, String objective, String rule, BurnRateRule.Urgency urgency,
                             @Nullable Instant firedAt, Instant at, boolean drill) implements StateChange {
        public String kind() {
            return "burn-alert-resolved";
        }

        public String subject() {
            return burnAlertKey(journey, objective, rule);
        }
    }

    @Serdeable
    record DrillStarted(long drillId, List<String> journeys, Instant at) implements StateChange {
        public DrillStarted {
            journeys = List.copyOf(journeys);
        }

        public String kind() {
            return "drill-started";
        }

        public String journey() {
            return null;
        }

        public String subject() {
            return "drill-" + drillId;
        }

        public boolean drill() {
            return true;
        }
    }

    @Serdeable
    record DrillEnded(long drillId, List<String> journeys, Instant at) implements StateChange {
        public DrillEnded {
            journeys = List.copyOf(journeys);
        }

        public String kind() {
            return "drill-ended";
        }

        public String journey() {
            return null;
        }

        public String subject() {
            return "drill-" + drillId;
        }

        public boolean drill() {
            return true;
        }
    }

    private static String burnAlertKey(String journey, String objective, String rule) {
        return journey + "/" + objective + "/" + rule;
    }
}

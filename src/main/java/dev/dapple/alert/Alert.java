package dev.dapple.alert;

import dev.dapple.incident.StateChange;
import dev.dapple.journey.Severity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert message, channel-neutral, rendered when it is queued: every attempt, on every server, sends the same
 * facts, and a channel only formats them. Everything an on-call engineer needs to act is here.
 *
 * @param key             what the message is about, stable across messages: a trigger and its resolve share it, e.g.
 *                        {@code checkout/incident-12} (PagerDuty's dedup_key, Opsgenie's alias, Alertmanager's label)
 * @param summary         one line: what is broken and where
 * @param journey         the journey, or null for a notice about no single journey
 * @param description     the journey's description: the customer impact
 * @param locations       the affected locations
 * @param failingSteps    the failing steps and their first errors; the first is the component
 * @param startedAt       since when it is broken (a resolve repeats its trigger's)
 * @param at              when this message's event happened (for a resolve: when it recovered)
 * @param budgetRemaining share of the error budget left, 0..1 (negative when overspent), null when unknown
 * @param dashboardUrl    the page to look at: the incident, the journey or the catalog
 * @param details         further facts by name, for the channels that show them (incident id, burn rate, …)
 */
@Serdeable
public record Alert(Kind kind, String key, String summary, Severity severity, @Nullable String journey,
                    @Nullable String owner, @Nullable String runbook, @Nullable String description,
                    List<String> locations, List<StateChange.FailingStep> failingSteps, Instant startedAt, Instant at,
                    @Nullable Double budgetRemaining, @Nullable String dashboardUrl, boolean drill,
                    Map<String, String> details) {

    /** What a message does at the receiver. */
    public enum Kind {
        /** Opens an alert (an incident opened, a burn alert fired). */
        TRIGGER,
        /** Closes the alert its trigger opened, by the same key. */
        RESOLVE,
        /** The alert is still open and nobody acknowledged it ({@code alert.remind}). */
        REMINDER,
        /** Something to know that opens nothing, e.g. a journey file became invalid. */
        NOTICE,
        /** {@code POST /api/channels/{name}/test}. */
        TEST
    }

    public Alert {
        // Empty collections are left out of the stored JSON (jackson.serialization-inclusion), so they read back null.
        locations = locations == null ? List.of() : List.copyOf(locations);
        failingSteps = failingSteps == null ? List.of() : List.copyOf(failingSteps);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}

package dev.dapple.alert;

import dev.dapple.incident.StateChange;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Severity;
import dev.dapple.slo.BurnRateRule;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the {@link Alert} for each state change, reminder and notice: the one-line summary and the facts an on-call
 * engineer needs. A journey no longer in the catalog gives what the change itself knows.
 */
final class AlertContent {

    /** The journey's severity when the journey is gone from the catalog: the parser's default. */
    static final Severity UNKNOWN_SEVERITY = Severity.HIGH;

    private final PublicUrl url;

    AlertContent(PublicUrl url) {
        this.url = url;
    }

    /** The outbox's alert_key column holds at most this many characters. */
    static final int KEY_LIMIT = 400;
    /** Room for "@" and any epoch second. */
    private static final int FIRING_SUFFIX = 21;

    /**
     * A burn alert's key, unique per firing ({@code <journey>/<objective>/<rule>@<fired-at epoch seconds>}), so the
     * messages of one episode never mix with a later one's at the receiver or in the outbox.
     */
    static String burnKey(String subject, Instant firedAt) {
        return cut(subject, KEY_LIMIT - FIRING_SUFFIX) + "@" + firedAt.getEpochSecond();
    }

    /**
     * {@code resolve} describing the same alert as {@code trigger}: who owns it, how severe, where and since when it
     * was as the trigger said, so the receiver (Alertmanager matches on labels) closes exactly what it opened even
     * after the journey was edited or removed.
     */
    static Alert asResolveOf(Alert resolve, Alert trigger) {
        return new Alert(resolve.kind(), trigger.key(), resolve.summary(), trigger.severity(), trigger.journey(),
                trigger.owner(), resolve.runbook() == null ? trigger.runbook() : resolve.runbook(),
                resolve.description() == null ? trigger.description() : resolve.description(), trigger.locations(),
                resolve.failingSteps(), trigger.startedAt(), resolve.at(), resolve.budgetRemaining(),
                resolve.dashboardUrl(), trigger.drill(), resolve.details());
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    Alert opened(StateChange.IncidentOpened o, Optional<Journey> journey, Double budget) {
        String summary = o.journey() + " is DOWN" + (o.locations().isEmpty() ? "" : " in " + String.join(", ", o.locations()))
                + failing(o.failingSteps());
        return alert(Alert.Kind.TRIGGER, Outbox.incidentKey(o.journey(), o.incident()), summary, severity(journey),
                o.journey(), journey, o.locations(), o.failingSteps(), o.at(), o.at(), budget,
                url.of("/incidents/" + o.incident()), o.drill(), Map.of("incident", Long.toString(o.incident())));
    }

    /**
     * Without its trigger's facts: {@link #asResolveOf} adds them when the trigger was queued.
     *
     * @param startedAt the incident's start, when its row could be read
     */
    Alert resolved(StateChange.IncidentResolved r, Optional<Journey> journey, Instant startedAt, Double budget) {
        String summary = r.journey() + " recovered after " + AlertFacts.duration(r.duration())
                + (r.recoveryBreached() ? " (longer than its recovery objective)" : "");
        return alert(Alert.Kind.RESOLVE, Outbox.incidentKey(r.journey(), r.incident()), summary, severity(journey),
                r.journey(), journey, List.of(), List.of(), startedAt, r.at(), budget,
                url.of("/incidents/" + r.incident()), r.drill(), Map.of("incident", Long.toString(r.incident()),
                        "duration", AlertFacts.duration(r.duration()),
                        "recovery breached", Boolean.toString(r.recoveryBreached())));
    }

    Alert fired(StateChange.BurnAlertFired f, Optional<Journey> journey, Double budget) {
        String summary = f.journey() + " burns its " + f.objective() + " budget at " + number(f.burnRate()) + "× ("
                + f.rule() + ")";
        return alert(Alert.Kind.TRIGGER, burnKey(f.subject(), f.at()), summary, burnSeverity(f.urgency(), journey),
                f.journey(), journey, List.of(), List.of(), f.at(), f.at(), budget, url.of("/journeys/" + f.journey()),
                f.drill(),
                Map.of("objective", f.objective(), "rule", f.rule(), "urgency", f.urgency().name().toLowerCase(Locale.ROOT),
                        "burn rate", number(f.burnRate()), "threshold", number(f.threshold())));
    }

    /** Without its trigger's facts: {@link #asResolveOf} adds them when the trigger was queued. */
    Alert burnResolved(StateChange.BurnAlertResolved r, Optional<Journey> journey, Double budget) {
        String summary = r.journey() + " no longer burns its " + r.objective() + " budget fast (" + r.rule() + ")";
        Instant firedAt = r.firedAt() != null ? r.firedAt() : r.at();
        return alert(Alert.Kind.RESOLVE, burnKey(r.subject(), firedAt), summary, burnSeverity(r.urgency(), journey),
                r.journey(), journey, List.of(), List.of(), firedAt, r.at(), budget, url.of("/journeys/" + r.journey()),
                r.drill(),
                Map.of("objective", r.objective(), "rule", r.rule(),
                        "urgency", r.urgency().name().toLowerCase(Locale.ROOT)));
    }

    Alert drill(long drillId, List<String> journeys, Instant at, boolean started) {
        String summary = started
                ? "Drill started for " + String.join(", ", journeys) + ": the alerts that follow are a drill"
                : "Drill ended for " + String.join(", ", journeys);
        return new Alert(Alert.Kind.NOTICE, "drill-" + drillId, summary, Severity.LOW, null, null, null, null,
                List.of(), List.of(), at, at, null, url.of("/"), true,
                Map.of("drill", Long.toString(drillId), "journeys", String.join(", ", journeys)));
    }

    /** @param open how long the incident has been open */
    Alert reminder(String journeyName, long incident, Optional<Journey> journey, Instant startedAt, Instant now,
                   List<String> locations, List<StateChange.FailingStep> steps, boolean drill) {
        Duration open = Duration.between(startedAt, now);
        String summary = "Reminder: " + journeyName + " is still DOWN after " + AlertFacts.duration(open)
                + " and nobody acknowledged it" + failing(steps);
        return alert(Alert.Kind.REMINDER, Outbox.incidentKey(journeyName, incident), summary, severity(journey),
                journeyName, journey, locations, steps, startedAt, now, null, url.of("/incidents/" + incident), drill,
                Map.of("incident", Long.toString(incident), "open for", AlertFacts.duration(open)));
    }

    Alert invalidFile(String path, String firstError, Instant now) {
        return new Alert(Alert.Kind.NOTICE, cut("journey-file/" + path, KEY_LIMIT), "Journey file " + path
                + " is invalid, its last valid version (if any) keeps running: " + firstError, Severity.LOW, null, null,
                null, null, List.of(), List.of(), now, now, null, url.of("/"), false, Map.of("file", path));
    }

    private static Alert alert(Alert.Kind kind, String key, String summary, Severity severity, String name,
                               Optional<Journey> journey, List<String> locations,
                               List<StateChange.FailingStep> steps, Instant startedAt, Instant at, Double budget,
                               String dashboardUrl, boolean drill, Map<String, String> details) {
        var all = new LinkedHashMap<>(details);
        journey.ifPresent(j -> j.tags().stream().reduce((a, b) -> a + ", " + b).ifPresent(tags -> all.put("tags", tags)));
        return new Alert(kind, key, summary, severity, name, journey.map(Journey::owner).filter(s -> !s.isBlank()).orElse(null),
                journey.flatMap(Journey::runbook).map(URI::toString).orElse(null),
                journey.map(Journey::description).filter(s -> !s.isBlank()).orElse(null), locations, steps, startedAt,
                at, budget, dashboardUrl, drill, all);
    }

    static Severity severity(Optional<Journey> journey) {
        return journey.map(Journey::severity).orElse(UNKNOWN_SEVERITY);
    }

    /** A ticket-level burn is never urgent, whatever the journey's severity. */
    static Severity burnSeverity(BurnRateRule.Urgency urgency, Optional<Journey> journey) {
        return urgency == BurnRateRule.Urgency.TICKET ? Severity.LOW : severity(journey);
    }

    private static String failing(List<StateChange.FailingStep> steps) {
        if (steps.isEmpty()) {
            return "";
        }
        StateChange.FailingStep first = steps.getFirst();
        String more = steps.size() > 1 ? " and " + (steps.size() - 1) + " more" : "";
        return ": step " + first.step() + " failing (" + first.firstError() + ")" + more;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

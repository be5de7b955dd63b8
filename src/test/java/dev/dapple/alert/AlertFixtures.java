package dev.dapple.alert;

import dev.dapple.incident.StateChange.FailingStep;
import dev.dapple.journey.Severity;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One incident's messages as the channel tests send them, with fixed times and ids. */
final class AlertFixtures {

    static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant RECOVERED = Instant.parse("2026-03-01T10:12:30Z");
    /** The attempt's time: after the event, as a dispatcher sends it. */
    static final Instant NOW = Instant.parse("2026-03-01T10:00:05Z");
    static final String MESSAGE_ID = "0b3f6c52-6a55-4e0e-9a55-4f1c2b1e8a11";
    static final JsonMapper JSON = JsonMapper.createDefault();

    private AlertFixtures() {
    }

    /** Every channel type, as the server has them. */
    static List<ChannelType> types() {
        return List.of(new PagerDutyChannel(JSON), new OpsgenieChannel(JSON), new SlackChannel(JSON),
                new TeamsChannel(JSON), new AlertmanagerChannel(JSON), new WebhookChannel(JSON));
    }

    static Alert trigger() {
        return incident(Alert.Kind.TRIGGER, "checkout is DOWN in eu-west, us-east: step pay failing (HTTP 503)",
                STARTED);
    }

    static Alert resolve() {
        return incident(Alert.Kind.RESOLVE, "checkout recovered after 12 min", RECOVERED);
    }

    static Alert reminder() {
        return incident(Alert.Kind.REMINDER, "checkout is still DOWN in eu-west, us-east: step pay failing (HTTP 503)",
                Instant.parse("2026-03-01T10:30:00Z"));
    }

    /** A message about no single journey, with few facts: what a channel does when most are absent. */
    static Alert notice() {
        return new Alert(Alert.Kind.NOTICE, "journey-file/journeys/checkout.yaml",
                "journeys/checkout.yaml is invalid: steps[2].request.url: expected a string", Severity.LOW, null, null,
                null, null, List.of(), List.of(), STARTED, STARTED, null, "https://dapple.example.com/", false,
                Map.of());
    }

    static Alert test() {
        return new Alert(Alert.Kind.TEST, "test/oncall", "Test alert from Dapple to channel oncall", Severity.LOW,
                null, null, null, null, List.of(), List.of(), STARTED, STARTED, null, "https://dapple.example.com/",
                false, Map.of());
    }

    static Alert withSummary(Alert a, String summary) {
        return new Alert(a.kind(), a.key(), summary, a.severity(), a.journey(), a.owner(), a.runbook(),
                a.description(), a.locations(), a.failingSteps(), a.startedAt(), a.at(), a.budgetRemaining(),
                a.dashboardUrl(), a.drill(), a.details());
    }

    static Alert withSeverity(Alert a, Severity severity) {
        return new Alert(a.kind(), a.key(), a.summary(), severity, a.journey(), a.owner(), a.runbook(),
                a.description(), a.locations(), a.failingSteps(), a.startedAt(), a.at(), a.budgetRemaining(),
                a.dashboardUrl(), a.drill(), a.details());
    }

    static Alert asDrill(Alert a) {
        return new Alert(a.kind(), a.key(), a.summary(), a.severity(), a.journey(), a.owner(), a.runbook(),
                a.description(), a.locations(), a.failingSteps(), a.startedAt(), a.at(), a.budgetRemaining(),
                a.dashboardUrl(), true, a.details());
    }

    static OutboxMessage message(Alert alert) {
        return new OutboxMessage(7, MESSAGE_ID, "oncall", alert);
    }

    private static Alert incident(Alert.Kind kind, String summary, Instant at) {
        return new Alert(kind, "checkout/incident-12", summary, Severity.CRITICAL, "checkout", "team-payments",
                "https://wiki.example.com/runbooks/checkout", "Customers cannot pay for their orders",
                List.of("eu-west", "us-east"),
                List.of(new FailingStep("pay", "HTTP 503 from POST /api/pay"),
                        new FailingStep("confirm", "timed out after 10s")),
                STARTED, at, 0.425, "https://dapple.example.com/incidents/12", false, Map.of("incident", "12"));
    }
}

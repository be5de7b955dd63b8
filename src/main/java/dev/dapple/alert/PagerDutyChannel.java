package dev.dapple.alert;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): a trigger opens an
 * alert under {@code dedup_key} = {@link Alert#key()}, a resolve with the same key closes it. Reminders are not
 * sent: PagerDuty escalates by its own policies. Notices are not sent either: they would open incidents that nothing
 * resolves. A test is a trigger of severity {@code info}.
 */
@Singleton
final class PagerDutyChannel implements ChannelType {

    static final String ENDPOINT = "https://events.pagerduty.com/v2/enqueue";
    /** The API rejects a longer summary. */
    static final int SUMMARY_LIMIT = 1024;

    private final JsonMapper json;

    PagerDutyChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of("routing-key");
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of("url");
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        Alert alert = message.alert();
        String routingKey = channel.required("routing-key");
        Map<String, Object> event = switch (alert.kind()) {
            case REMINDER, NOTICE -> null;
            case RESOLVE -> AlertFacts.object("routing_key", routingKey, "event_action", "resolve",
                    "dedup_key", alert.key());
            case TRIGGER, TEST -> trigger(routingKey, alert);
        };
        return Optional.ofNullable(event)
                .map(body -> HttpDelivery.postJson(channel.url(ENDPOINT), Map.of(), AlertFacts.json(json, body)));
    }

    private static Map<String, Object> trigger(String routingKey, Alert alert) {
        var payload = AlertFacts.object(
                "summary", AlertFacts.cut(AlertFacts.title(alert), SUMMARY_LIMIT),
                "severity", severity(alert),
                "source", alert.journey() == null ? "dapple" : alert.journey(),
                "component", AlertFacts.firstFailure(alert).map(step -> step.step()).orElse(null),
                "timestamp", AlertFacts.iso(alert.at()),
                "custom_details", details(alert));
        List<Map<String, Object>> links = AlertFacts.links(alert).entrySet().stream()
                .map(link -> AlertFacts.object("href", link.getValue(), "text", link.getKey()))
                .toList();
        return AlertFacts.object("routing_key", routingKey, "event_action", "trigger", "dedup_key", alert.key(),
                "payload", payload, "links", links, "client", "Dapple", "client_url", alert.dashboardUrl());
    }

    /** CRITICAL pages as critical, HIGH as error, LOW as warning; a test is info. */
    static String severity(Alert alert) {
        if (AlertFacts.informational(alert)) {
            return "info";
        }
        return switch (alert.severity()) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case LOW -> "warning";
        };
    }

    private static Map<String, Object> details(Alert alert) {
        var details = new LinkedHashMap<String, Object>(AlertFacts.object(
                "journey", alert.journey(),
                "owner", alert.owner(),
                "customer_impact", alert.description(),
                "locations", alert.locations(),
                "failing_step", AlertFacts.firstFailure(alert).map(step -> step.step()).orElse(null),
                "first_error", AlertFacts.firstFailure(alert).map(step -> step.firstError()).orElse(null),
                "started_at", AlertFacts.iso(alert.startedAt()),
                "budget_left", AlertFacts.budgetLeft(alert).orElse(null),
                "runbook", alert.runbook(),
                "dashboard", alert.dashboardUrl(),
                "drill", alert.drill()));
        alert.details().forEach(details::putIfAbsent);
        return details;
    }
}

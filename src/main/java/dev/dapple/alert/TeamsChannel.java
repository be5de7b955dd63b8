package dev.dapple.alert;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook or a legacy incoming webhook: a message carrying one
 * Adaptive Card 1.4 (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using)
 * with the facts as a FactSet and buttons to the runbook and the dashboard. Every kind is sent.
 */
@Singleton
final class TeamsChannel implements ChannelType {

    private final JsonMapper json;

    TeamsChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of("url");
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of();
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        var body = AlertFacts.object("type", "message", "attachments", List.of(AlertFacts.object(
                "contentType", "application/vnd.microsoft.card.adaptive",
                "content", card(message.alert()))));
        String json = AlertFacts.json(this.json, body);
        return Optional.of(HttpDelivery.postJson(URI.create(channel.required("url")), Map.of(), json));
    }

    private static Map<String, Object> card(Alert alert) {
        var body = new ArrayList<Map<String, Object>>();
        body.add(AlertFacts.object("type", "TextBlock", "text", AlertFacts.title(alert), "size", "Large",
                "weight", "Bolder", "color", color(alert), "wrap", true));
        if (alert.description() != null) {
            body.add(AlertFacts.object("type", "TextBlock", "text", "Customer impact: " + alert.description(),
                    "wrap", true));
        }
        List<Map<String, Object>> facts = AlertFacts.facts(alert).entrySet().stream()
                .map(fact -> AlertFacts.object("title", fact.getKey(), "value", fact.getValue()))
                .toList();
        body.add(AlertFacts.object("type", "FactSet", "facts", facts));
        List<Map<String, Object>> actions = AlertFacts.links(alert).entrySet().stream()
                .map(link -> AlertFacts.object("type", "Action.OpenUrl", "title", link.getKey(),
                        "url", link.getValue()))
                .toList();
        return AlertFacts.object("$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                "type", "AdaptiveCard", "version", "1.4", "body", body,
                "actions", actions.isEmpty() ? null : actions);
    }

    /** Red while it is broken, green when it recovered, the default colour for information. */
    private static String color(Alert alert) {
        return switch (alert.kind()) {
            case TRIGGER, REMINDER -> "Attention";
            case RESOLVE -> "Good";
            case NOTICE, TEST -> "Default";
        };
    }
}

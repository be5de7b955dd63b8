package dev.dapple.alert;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opsgenie Alert API v2 (https://docs.opsgenie.com/docs/alert-api): a trigger creates an alert with
 * {@code alias} = {@link Alert#key()} (Opsgenie deduplicates open alerts by it), a resolve closes it by that alias.
 * Reminders are not sent: Opsgenie notifies again by its own escalation policies. Notices are not sent either: they
 * would open alerts that nothing closes. A test creates a P5 alert.
 */
@Singleton
final class OpsgenieChannel implements ChannelType {

    static final String ENDPOINT = "https://api.opsgenie.com";
    /** Opsgenie's limits: longer values are cut by it or rejected. */
    static final int MESSAGE_LIMIT = 130;
    static final int DESCRIPTION_LIMIT = 15000;

    private final JsonMapper json;

    OpsgenieChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "opsgenie";
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of("api-key");
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of("url");
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        Alert alert = message.alert();
        var headers = Map.of("Authorization", "GenieKey " + channel.required("api-key"));
        return switch (alert.kind()) {
            case REMINDER, NOTICE -> Optional.empty();
            case RESOLVE -> Optional.of(HttpDelivery.postJson(
                    AlertFacts.under(channel.url(ENDPOINT), "/v2/alerts/" + pathSegment(alert.key())
                            + "/close?identifierType=alias"),
                    headers,
                    AlertFacts.json(json, AlertFacts.object("source", "Dapple",
                            "note", "Recovered at " + AlertFacts.iso(alert.at()) + " after "
                                    + AlertFacts.duration(alert) + ": " + alert.summary()))));
            case TRIGGER, TEST -> Optional.of(HttpDelivery.postJson(
                    AlertFacts.under(channel.url(ENDPOINT), "/v2/alerts"), headers,
                    AlertFacts.json(json, create(alert))));
        };
    }

    private static Map<String, Object> create(Alert alert) {
        return AlertFacts.object(
                "message", AlertFacts.cut(AlertFacts.title(alert), MESSAGE_LIMIT),
                "alias", alert.key(),
                "description", AlertFacts.cut(description(alert), DESCRIPTION_LIMIT),
                "priority", priority(alert),
                "entity", alert.journey(),
                "source", "Dapple",
                "tags", tags(alert),
                "details", details(alert));
    }

    /** CRITICAL → P1, HIGH → P2, LOW → P3; a test → P5. */
    static String priority(Alert alert) {
        if (AlertFacts.informational(alert)) {
            return "P5";
        }
        return switch (alert.severity()) {
            case CRITICAL -> "P1";
            case HIGH -> "P2";
            case LOW -> "P3";
        };
    }

    private static String description(Alert alert) {
        var text = new StringBuilder(alert.summary());
        if (alert.description() != null) {
            text.append("\n\nCustomer impact: ").append(alert.description());
        }
        text.append("\n");
        AlertFacts.facts(alert).forEach((label, value) -> text.append('\n').append(label).append(": ").append(value));
        AlertFacts.links(alert).forEach((label, url) -> text.append('\n').append(label).append(": ").append(url));
        return text.toString();
    }

    private static List<String> tags(Alert alert) {
        var tags = new ArrayList<String>(List.of("dapple", "severity:" + AlertFacts.severity(alert)));
        if (alert.journey() != null) {
            tags.add("journey:" + alert.journey());
        }
        if (alert.owner() != null) {
            tags.add("owner:" + alert.owner());
        }
        if (alert.drill()) {
            tags.add("drill");
        }
        return tags;
    }

    /** Opsgenie's details are a map of strings. */
    private static Map<String, String> details(Alert alert) {
        var details = new LinkedHashMap<String, String>();
        AlertFacts.facts(alert).forEach((label, value) -> details.put(name(label), value));
        if (alert.description() != null) {
            details.put("customer_impact", alert.description());
        }
        AlertFacts.links(alert).forEach((label, url) -> details.put(name(label), url));
        alert.details().forEach(details::putIfAbsent);
        return details;
    }

    /** A label as a detail's name, e.g. {@code Failing step} → {@code failing_step}. */
    private static String name(String label) {
        return label.toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    /** The alias as one path segment: '/' and spaces escaped too. */
    private static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

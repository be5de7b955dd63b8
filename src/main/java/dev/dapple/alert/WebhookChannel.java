package dev.dapple.alert;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Any receiver: every fact of the alert as a JSON event, signed per Standard Webhooks
 * (https://www.standardwebhooks.com/, https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 * {@code webhook-id} is the message id, the same on every attempt, so a receiver can drop a repeat; the body is the
 * same on every attempt too, only {@code webhook-timestamp} and the signature over it change. Every kind is sent.
 */
@Singleton
final class WebhookChannel implements ChannelType {

    private final JsonMapper json;

    WebhookChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of("url", "secret");
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of();
    }

    @Override
    public List<String> problems(ChannelSettings channel) {
        var problems = new ArrayList<>(ChannelType.super.problems(channel));
        channel.field("secret").filter(secret -> !validSecret(secret)).ifPresent(secret -> problems.add(
                channel.key("secret") + " must be a Standard Webhooks secret: whsec_ followed by base64,"
                        + " e.g. whsec_$(openssl rand -base64 32)"));
        return problems;
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        String body = AlertFacts.json(json, event(message));
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", message.messageId());
        headers.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
        headers.put("webhook-signature", sign(channel.required("secret"), message.messageId(), now, body));
        return Optional.of(HttpDelivery.postJson(URI.create(channel.required("url")), headers, body));
    }

    /** The event as documented in the README: type, timestamp of the event, and the alert's facts. */
    private static Map<String, Object> event(OutboxMessage message) {
        Alert alert = message.alert();
        var data = new LinkedHashMap<String, Object>();
        data.put("messageId", message.messageId());
        data.put("kind", kind(alert));
        data.put("key", alert.key());
        data.put("summary", alert.summary());
        data.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        data.put("journey", alert.journey());
        data.put("owner", alert.owner());
        data.put("runbook", alert.runbook());
        data.put("description", alert.description());
        data.put("locations", alert.locations());
        data.put("failingSteps", AlertFacts.failingSteps(alert));
        data.put("startedAt", AlertFacts.iso(alert.startedAt()));
        data.put("at", AlertFacts.iso(alert.at()));
        data.put("budgetRemaining", alert.budgetRemaining());
        data.put("dashboardUrl", alert.dashboardUrl());
        data.put("drill", alert.drill());
        data.put("details", alert.details());
        var event = new LinkedHashMap<String, Object>();
        event.put("type", "alert." + kind(alert));
        event.put("timestamp", AlertFacts.iso(alert.at()));
        event.put("data", data);
        return event;
    }

    private static String kind(Alert alert) {
        return alert.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String sign(String secret, String messageId, Instant now, String body) {
        try {
            return new Webhook(secret).sign(messageId, now.getEpochSecond(), body);
        } catch (EmptyWebhookSecretException | WebhookSigningException e) {
            // problems() accepted the secret at start, so this is a bug, not a configuration error.
            throw new IllegalStateException("cannot sign a webhook: " + e.getMessage(), e);
        }
    }

    private static boolean validSecret(String secret) {
        String key = secret.startsWith(Webhook.SECRET_PREFIX) ? secret.substring(Webhook.SECRET_PREFIX.length()) : "";
        try {
            return Base64.getDecoder().decode(key).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

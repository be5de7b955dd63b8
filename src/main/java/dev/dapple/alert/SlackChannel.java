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
import java.util.stream.Collectors;

/**
 * A Slack incoming webhook (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks/): a Block Kit
 * message (https://docs.slack.dev/reference/block-kit/blocks/) with the facts and links, and {@code text} as the
 * notification's fallback. Every kind is sent; Slack keeps no alert state, so a resolve is a message of its own.
 */
@Singleton
final class SlackChannel implements ChannelType {

    /** Slack's limits for a header's and a field's text. */
    static final int HEADER_LIMIT = 150;
    static final int TEXT_LIMIT = 2000;

    private final JsonMapper json;

    SlackChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "slack";
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
        Alert alert = message.alert();
        var body = AlertFacts.object("text", escape(AlertFacts.title(alert)), "blocks", blocks(alert));
        String json = AlertFacts.json(this.json, body);
        return Optional.of(HttpDelivery.postJson(URI.create(channel.required("url")), Map.of(), json));
    }

    private static List<Map<String, Object>> blocks(Alert alert) {
        var blocks = new ArrayList<Map<String, Object>>();
        blocks.add(AlertFacts.object("type", "header",
                "text", plain(AlertFacts.cut(icon(alert) + " " + AlertFacts.title(alert), HEADER_LIMIT))));
        String what = "*" + escape(alert.summary()) + "*"
                + (alert.description() == null ? "" : "\n" + escape(alert.description()));
        blocks.add(AlertFacts.object("type", "section", "text", mrkdwn(AlertFacts.cut(what, TEXT_LIMIT))));
        // A section holds at most 10 fields.
        List<Map<String, Object>> fields = AlertFacts.facts(alert).entrySet().stream().limit(10)
                .map(fact -> mrkdwn(AlertFacts.cut("*" + fact.getKey() + "*\n" + escape(fact.getValue()), TEXT_LIMIT)))
                .toList();
        blocks.add(AlertFacts.object("type", "section", "fields", fields));
        Map<String, String> links = AlertFacts.links(alert);
        if (!links.isEmpty()) {
            String text = links.entrySet().stream()
                    .map(link -> "<" + link.getValue() + "|" + link.getKey() + ">")
                    .collect(Collectors.joining(" · "));
            blocks.add(AlertFacts.object("type", "context", "elements", List.of(mrkdwn(text))));
        }
        return blocks;
    }

    private static String icon(Alert alert) {
        return switch (alert.kind()) {
            case TRIGGER -> "🔴";
            case RESOLVE -> "✅";
            case REMINDER -> "⏰";
            case NOTICE -> "ℹ️";
            case TEST -> "🧪";
        };
    }

    private static Map<String, Object> plain(String text) {
        return AlertFacts.object("type", "plain_text", "text", text, "emoji", true);
    }

    private static Map<String, Object> mrkdwn(String text) {
        return AlertFacts.object("type", "mrkdwn", "text", text);
    }

    /** Slack's three control characters in mrkdwn text (https://docs.slack.dev/messaging/formatting-message-text/). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

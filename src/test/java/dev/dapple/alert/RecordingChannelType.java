package dev.dapple.alert;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tests' channel type, {@code recording}, independent of the real ones: posts the alert's facts as JSON to
 * {@code url}, its message id, kind and key in headers so a {@link Receiver} can record them. Reminders it
 * ignores (to show "nothing to send"); with {@code resend-every} it re-sends firing alerts like Alertmanager. Routing
 * tests, which only look at the outbox, leave {@code url} out.
 */
@Singleton
public final class RecordingChannelType implements ChannelType {

    public static final String TYPE = "recording";

    private final JsonMapper json;

    RecordingChannelType(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of();
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of("url", "resend-every");
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        if (message.alert().kind() == Alert.Kind.REMINDER) {
            return Optional.empty();
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", message.alert().kind().name());
        body.put("key", message.alert().key());
        body.put("summary", message.alert().summary());
        body.put("sentAt", now.toString());
        try {
            return Optional.of(HttpDelivery.postJson(channel.url("http://unused.invalid"), Map.of(
                    "X-Message-Id", message.messageId(), "X-Alert-Kind", message.alert().kind().name(),
                    "X-Alert-Key", message.alert().key()), json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Duration> resendWhileFiring(ChannelSettings channel) {
        return channel.field("resend-every").map(Duration::parse);
    }
}

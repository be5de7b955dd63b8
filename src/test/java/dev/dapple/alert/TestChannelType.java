package dev.dapple.alert;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A channel type for routing tests, independent of the real ones: it formats nothing (routing only queues). */
@Singleton
public final class TestChannelType implements ChannelType {

    public static final String TYPE = "routing-test";

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
        return Set.of();
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        return Optional.empty();
    }
}

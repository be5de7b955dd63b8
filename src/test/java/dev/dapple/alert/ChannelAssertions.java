package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;

/** Sends a channel type's request for a fixture to a real receiver and compares it with the expected file. */
final class ChannelAssertions {

    private ChannelAssertions() {
    }

    /** The request {@code type} makes for {@code alert}, sent to {@code receiver}, checked against its file. */
    static Receiver.Request assertSends(Receiver receiver, ChannelType type, ChannelSettings channel, Alert alert,
                                        String path) {
        Optional<HttpDelivery> delivery = type.request(channel, AlertFixtures.message(alert), AlertFixtures.NOW);
        assertTrue(delivery.isPresent(), type.type() + " sends nothing for a " + alert.kind());
        Receiver.Request received = receiver.send(delivery.get());
        assertEquals("POST", received.method());
        assertEquals(path, received.path());
        assertEquals("application/json", received.header("Content-Type"));
        ChannelJson.assertJson(type.type() + "-" + alert.kind().name().toLowerCase(Locale.ROOT) + ".json",
                received.body());
        return received;
    }

    static void assertSendsNothing(ChannelType type, ChannelSettings channel, Alert alert) {
        assertEquals(Optional.empty(), type.request(channel, AlertFixtures.message(alert), AlertFixtures.NOW));
    }
}

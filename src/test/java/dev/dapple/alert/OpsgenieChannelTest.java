package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;
import static dev.dapple.alert.ChannelAssertions.assertSendsNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.journey.Severity;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected bodies follow Opsgenie's Alert API documentation, https://docs.opsgenie.com/docs/alert-api (create
 * alert; close alert by alias with {@code identifierType=alias}; authentication {@code GenieKey}).
 */
class OpsgenieChannelTest {

    private final Receiver receiver = Receiver.start();
    private final OpsgenieChannel type = new OpsgenieChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("og", "opsgenie",
            Map.of("api-key", "0p5-K3Y", "url", receiver.url("/")), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aTriggerCreatesAnAlertAliasedByTheAlertKey() {
        var received = assertSends(receiver, type, channel, AlertFixtures.trigger(), "/v2/alerts");
        assertEquals("GenieKey 0p5-K3Y", received.header("Authorization"));
    }

    @Test
    void aResolveClosesTheAlertByItsEncodedAlias() {
        var received = assertSends(receiver, type, channel, AlertFixtures.resolve(),
                "/v2/alerts/checkout%2Fincident-12/close?identifierType=alias");
        assertEquals("GenieKey 0p5-K3Y", received.header("Authorization"));
    }

    @Test
    void aTestIsAP5Alert() {
        assertSends(receiver, type, channel, AlertFixtures.test(), "/v2/alerts");
    }

    @Test
    void noticesAreNotSentSinceNothingWouldCloseTheirAlert() {
        assertSendsNothing(type, channel, AlertFixtures.notice());
    }

    @Test
    void remindersAreLeftToOpsgeniesEscalation() {
        assertSendsNothing(type, channel, AlertFixtures.reminder());
    }

    @Test
    void severitiesMapToPriorities() {
        var trigger = AlertFixtures.trigger();
        assertEquals("P1", OpsgenieChannel.priority(AlertFixtures.withSeverity(trigger, Severity.CRITICAL)));
        assertEquals("P2", OpsgenieChannel.priority(AlertFixtures.withSeverity(trigger, Severity.HIGH)));
        assertEquals("P3", OpsgenieChannel.priority(AlertFixtures.withSeverity(trigger, Severity.LOW)));
    }

    @Test
    void theMessageIsCutTo130Characters() {
        var longer = AlertFixtures.withSummary(AlertFixtures.trigger(), "y".repeat(300));
        String body = type.request(channel, AlertFixtures.message(longer), AlertFixtures.NOW).orElseThrow().body();
        String message = ChannelJson.tree(body).get("message").getStringValue();
        assertEquals(130, message.length());
        assertEquals("[CRITICAL] " + "y".repeat(118) + "…", message);
    }

    @Test
    void anAliasWithSpacesStaysOnePathSegment() {
        var spaced = new Alert(Alert.Kind.RESOLVE, "a b/c?d", "s", Severity.LOW, null, null, null, null,
                java.util.List.of(), java.util.List.of(), AlertFixtures.STARTED, AlertFixtures.RECOVERED, null, null,
                false, Map.of());
        assertEquals("/v2/alerts/a%20b%2Fc%3Fd/close?identifierType=alias",
                receiver.send(type.request(channel, AlertFixtures.message(spaced), AlertFixtures.NOW).orElseThrow())
                        .path());
    }

    @Test
    void theEndpointDefaultsToOpsgeniesAndEuUsersSetTheirs() {
        var unset = new ChannelSettings("og", "opsgenie", Map.of("api-key", "k"), false);
        var eu = new ChannelSettings("og", "opsgenie", Map.of("api-key", "k", "url", "https://api.eu.opsgenie.com"),
                false);
        var message = AlertFixtures.message(AlertFixtures.trigger());
        assertEquals(URI.create("https://api.opsgenie.com/v2/alerts"),
                type.request(unset, message, AlertFixtures.NOW).orElseThrow().uri());
        assertEquals(URI.create("https://api.eu.opsgenie.com/v2/alerts"),
                type.request(eu, message, AlertFixtures.NOW).orElseThrow().uri());
    }
}

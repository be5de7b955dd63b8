package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;
import static dev.dapple.alert.ChannelAssertions.assertSendsNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dapple.journey.Severity;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected bodies follow PagerDuty's Events API v2 documentation,
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ and
 * https://developer.pagerduty.com/docs/events-api-v2/resolve-alerts/.
 */
class PagerDutyChannelTest {

    private final Receiver receiver = Receiver.start();
    private final PagerDutyChannel type = new PagerDutyChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("pd", "pagerduty",
            Map.of("routing-key", "R0UT1NGKEY", "url", receiver.url("/v2/enqueue")), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aTriggerOpensAnAlertUnderTheAlertKeyWithEveryFact() {
        var received = assertSends(receiver, type, channel, AlertFixtures.trigger(), "/v2/enqueue");
        assertEquals(null, received.header("Authorization"));
    }

    @Test
    void aResolveClosesItByTheSameKey() {
        assertSends(receiver, type, channel, AlertFixtures.resolve(), "/v2/enqueue");
    }

    @Test
    void aTestIsAnInformationalTrigger() {
        assertSends(receiver, type, channel, AlertFixtures.test(), "/v2/enqueue");
    }

    @Test
    void noticesAreNotSentSinceNothingWouldResolveTheirIncident() {
        assertSendsNothing(type, channel, AlertFixtures.notice());
    }

    @Test
    void remindersAreLeftToPagerDutysOwnEscalation() {
        assertSendsNothing(type, channel, AlertFixtures.reminder());
    }

    @Test
    void severitiesMapToPagerDutysFour() {
        var trigger = AlertFixtures.trigger();
        assertEquals("critical", PagerDutyChannel.severity(AlertFixtures.withSeverity(trigger, Severity.CRITICAL)));
        assertEquals("error", PagerDutyChannel.severity(AlertFixtures.withSeverity(trigger, Severity.HIGH)));
        assertEquals("warning", PagerDutyChannel.severity(AlertFixtures.withSeverity(trigger, Severity.LOW)));
    }

    @Test
    void theSummaryIsCutToPagerDutysLimit() {
        var longer = AlertFixtures.withSummary(AlertFixtures.trigger(), "x".repeat(2000));
        String body = type.request(channel, AlertFixtures.message(longer), AlertFixtures.NOW).orElseThrow().body();
        String summary = ChannelJson.tree(body).get("payload").get("summary").getStringValue();
        assertEquals(1024, summary.length());
        assertEquals("[CRITICAL] xxx", summary.substring(0, 14));
        assertEquals("…", summary.substring(1023));
    }

    @Test
    void theEndpointDefaultsToPagerDutysPublicOne() {
        var unset = new ChannelSettings("pd", "pagerduty", Map.of("routing-key", "R0UT1NGKEY"), false);
        assertEquals(URI.create("https://events.pagerduty.com/v2/enqueue"),
                type.request(unset, AlertFixtures.message(AlertFixtures.trigger()), AlertFixtures.NOW)
                        .orElseThrow().uri());
    }

    @Test
    void theRoutingKeyNeverShowsInTheRequestsText() {
        var delivery = type.request(channel, AlertFixtures.message(AlertFixtures.trigger()), AlertFixtures.NOW)
                .orElseThrow();
        assertFalse(delivery.toString().contains("R0UT1NGKEY"), delivery.toString());
        assertEquals("POST http://127.0.0.1:" + receiver.uri().getPort() + " (" + delivery.body().length()
                + " chars)", delivery.toString());
    }
}

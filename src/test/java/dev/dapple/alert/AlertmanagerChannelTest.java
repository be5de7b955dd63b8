package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;
import static dev.dapple.alert.ChannelAssertions.assertSendsNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected bodies follow Alertmanager's client documentation, https://prometheus.io/docs/alerting/latest/clients/
 * (an array of alerts with labels, annotations, startsAt, endsAt, generatorURL). A real Alertmanager accepts them in
 * {@link AlertmanagerProcessTest}.
 */
class AlertmanagerChannelTest {

    private final Receiver receiver = Receiver.start();
    private final AlertmanagerChannel type = new AlertmanagerChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("am", "alertmanager",
            Map.of("url", receiver.url("/")), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aFiringAlertEndsFourResendIntervalsFromNow() {
        var received = assertSends(receiver, type, channel, AlertFixtures.trigger(), "/api/v2/alerts");
        assertEquals(null, received.header("Authorization"));
    }

    @Test
    void aResolveEndsAtTheRecovery() {
        assertSends(receiver, type, channel, AlertFixtures.resolve(), "/api/v2/alerts");
    }

    @Test
    void noticesAndTestsFireOnceAndExpire() {
        assertSends(receiver, type, channel, AlertFixtures.notice(), "/api/v2/alerts");
        assertSends(receiver, type, channel, AlertFixtures.test(), "/api/v2/alerts");
    }

    @Test
    void remindersAreLeftToAlertmanagersRepeatInterval() {
        assertSendsNothing(type, channel, AlertFixtures.reminder());
    }

    @Test
    void firingAlertsAreResentEveryResendIntervalDefaultOneMinute() {
        assertEquals(Optional.of(Duration.ofMinutes(1)), type.resendWhileFiring(channel));
        var every30s = new ChannelSettings("am", "alertmanager",
                Map.of("url", receiver.url(""), "resend-every", "30s"), false);
        assertEquals(Optional.of(Duration.ofSeconds(30)), type.resendWhileFiring(every30s));
        String body = type.request(every30s, AlertFixtures.message(AlertFixtures.trigger()), AlertFixtures.NOW)
                .orElseThrow().body();
        assertEquals("2026-03-01T10:02:05Z", ChannelJson.tree(body).get(0).get("endsAt").getStringValue());
    }

    @Test
    void aBearerTokenIsSentWhenSet() {
        var withToken = new ChannelSettings("am", "alertmanager",
                Map.of("url", receiver.url(""), "bearer-token", "t0k3n"), false);
        var received = receiver.send(type.request(withToken, AlertFixtures.message(AlertFixtures.trigger()),
                AlertFixtures.NOW).orElseThrow());
        assertEquals("Bearer t0k3n", received.header("Authorization"));
    }

    @Test
    void burnAlertsAndIncidentsHaveTheirOwnAlertName() {
        var burn = new Alert(Alert.Kind.TRIGGER, "checkout/availability/page-1h", "checkout burns its budget",
                dev.dapple.journey.Severity.HIGH, "checkout", null, null, null, java.util.List.of(),
                java.util.List.of(), AlertFixtures.STARTED, AlertFixtures.STARTED, null, null, false, Map.of());
        assertEquals("DappleBurnRate", AlertmanagerChannel.alertName(burn));
        assertEquals("DappleJourneyDown", AlertmanagerChannel.alertName(AlertFixtures.trigger()));
        assertEquals("DappleNotice", AlertmanagerChannel.alertName(AlertFixtures.notice()));
        assertEquals("DappleTest", AlertmanagerChannel.alertName(AlertFixtures.test()));
    }
}

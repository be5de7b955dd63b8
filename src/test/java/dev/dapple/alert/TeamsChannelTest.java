package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected bodies follow Microsoft's documentation of Adaptive Cards sent to an incoming webhook or a Workflows
 * webhook, https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 * and the Adaptive Card 1.4 schema, https://adaptivecards.io/explorer/ (TextBlock, FactSet, Action.OpenUrl).
 */
class TeamsChannelTest {

    private final Receiver receiver = Receiver.start();
    private final TeamsChannel type = new TeamsChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("teams", "teams",
            Map.of("url", receiver.url("/workflows/triggers/manual/paths/invoke?sig=abc")), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aTriggerIsAnAdaptiveCardWithFactsAndButtons() {
        assertSends(receiver, type, channel, AlertFixtures.trigger(),
                "/workflows/triggers/manual/paths/invoke?sig=abc");
    }

    @Test
    void aResolveIsAGreenCard() {
        assertSends(receiver, type, channel, AlertFixtures.resolve(),
                "/workflows/triggers/manual/paths/invoke?sig=abc");
    }

    @Test
    void remindersNoticesAndTestsAreSentToo() {
        assertSends(receiver, type, channel, AlertFixtures.reminder(),
                "/workflows/triggers/manual/paths/invoke?sig=abc");
        assertSends(receiver, type, channel, AlertFixtures.notice(),
                "/workflows/triggers/manual/paths/invoke?sig=abc");
        assertSends(receiver, type, channel, AlertFixtures.test(),
                "/workflows/triggers/manual/paths/invoke?sig=abc");
    }
}

package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expected bodies follow Slack's incoming webhook and Block Kit documentation,
 * https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks/ and
 * https://docs.slack.dev/reference/block-kit/blocks/ (header, section with fields, context).
 */
class SlackChannelTest {

    private final Receiver receiver = Receiver.start();
    private final SlackChannel type = new SlackChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("slack", "slack",
            Map.of("url", receiver.url("/services/T000/B000/XXXX")), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aTriggerShowsWhatWhereSinceBudgetOwnerSeverityAndLinks() {
        assertSends(receiver, type, channel, AlertFixtures.trigger(), "/services/T000/B000/XXXX");
    }

    @Test
    void aResolveSaysWhenItRecovered() {
        assertSends(receiver, type, channel, AlertFixtures.resolve(), "/services/T000/B000/XXXX");
    }

    @Test
    void remindersNoticesAndTestsAreSentToo() {
        assertSends(receiver, type, channel, AlertFixtures.reminder(), "/services/T000/B000/XXXX");
        assertSends(receiver, type, channel, AlertFixtures.notice(), "/services/T000/B000/XXXX");
        assertSends(receiver, type, channel, AlertFixtures.test(), "/services/T000/B000/XXXX");
    }

    @Test
    void aDrillSaysSo() {
        String body = type.request(channel, AlertFixtures.message(AlertFixtures.asDrill(AlertFixtures.trigger())),
                AlertFixtures.NOW).orElseThrow().body();
        assertTrue(ChannelJson.tree(body).get("text").getStringValue().startsWith("[DRILL] [CRITICAL] "), body);
    }

    @Test
    void slacksControlCharactersAreEscaped() {
        var alert = AlertFixtures.withSummary(AlertFixtures.trigger(), "a <b> & c");
        String body = type.request(channel, AlertFixtures.message(alert), AlertFixtures.NOW).orElseThrow().body();
        assertEquals("[CRITICAL] a &lt;b&gt; &amp; c", ChannelJson.tree(body).get("text").getStringValue());
    }

    @Test
    void theHeaderIsCutToSlacksLimit() {
        var alert = AlertFixtures.withSummary(AlertFixtures.trigger(), "z".repeat(400));
        String body = type.request(channel, AlertFixtures.message(alert), AlertFixtures.NOW).orElseThrow().body();
        String header = ChannelJson.tree(body).get("blocks").get(0).get("text").get("text").getStringValue();
        assertEquals(150, header.length());
        assertTrue(header.endsWith("z…"), header);
    }
}

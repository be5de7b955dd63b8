package dev.dapple.alert;

import static dev.dapple.alert.ChannelAssertions.assertSends;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signature follows the Standard Webhooks specification,
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md: HMAC-SHA256 over
 * {@code id.timestamp.body} with the base64 key after {@code whsec_}, sent as {@code v1,<base64>}.
 */
class WebhookChannelTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final Receiver receiver = Receiver.start();
    private final WebhookChannel type = new WebhookChannel(AlertFixtures.JSON);
    private final ChannelSettings channel = new ChannelSettings("hook", "webhook",
            Map.of("url", receiver.url("/hooks/dapple"), "secret", SECRET), false);

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void everyKindIsADocumentedEventWithTheMessageIdAndTheAttemptsTimestamp() {
        for (Alert alert : List.of(AlertFixtures.trigger(), AlertFixtures.resolve(), AlertFixtures.reminder(),
                AlertFixtures.notice(), AlertFixtures.test())) {
            var received = assertSends(receiver, type, channel, alert, "/hooks/dapple");
            assertEquals(AlertFixtures.MESSAGE_ID, received.header("webhook-id"));
            assertEquals(Long.toString(AlertFixtures.NOW.getEpochSecond()), received.header("webhook-timestamp"));
            assertEquals(handSigned(AlertFixtures.MESSAGE_ID, AlertFixtures.NOW, received.body()),
                    received.header("webhook-signature"));
        }
    }

    @Test
    void theLibraryVerifiesARecentMessageAndRejectsATamperedOrStaleOne() throws Exception {
        // The library checks the timestamp against the wall clock (5 minutes' tolerance), so sign at the real now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var received = receiver.send(request(now));
        var verifier = new Webhook(SECRET);
        assertDoesNotThrow(() -> verifier.verify(received.body(), received.headers()));

        var tampered = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(received.body().replace("checkout", "checkin"), received.headers()));
        assertEquals("No matching signature found", tampered.getMessage());

        var stale = receiver.send(request(now.minus(Duration.ofMinutes(10))));
        var old = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(stale.body(), stale.headers()));
        assertEquals("Message timestamp too old", old.getMessage());
    }

    @Test
    void aRetryCarriesTheSameIdAndBodyWithAFreshTimestampAndSignature() {
        var first = request(AlertFixtures.NOW);
        var retry = request(AlertFixtures.NOW.plusSeconds(90));
        assertEquals(first.body(), retry.body());
        assertEquals(first.headers().get("webhook-id"), retry.headers().get("webhook-id"));
        assertEquals(Long.toString(AlertFixtures.NOW.getEpochSecond() + 90), retry.headers().get("webhook-timestamp"));
        assertNotEquals(first.headers().get("webhook-signature"), retry.headers().get("webhook-signature"));
    }

    private HttpDelivery request(Instant now) {
        return type.request(channel, AlertFixtures.message(AlertFixtures.trigger()), now).orElseThrow();
    }

    /** The signature computed by hand with javax.crypto, independently of the library. */
    private static String handSigned(String id, Instant at, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            byte[] hmac = mac.doFinal((id + "." + at.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(hmac);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

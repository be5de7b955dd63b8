package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Full-jitter waits and the two forms of Retry-After. */
class BackoffTest {

    static final Backoff LONGEST = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> -1L);

    @Test
    void theUpperBoundDoublesFromTheBaseUntilTheCap() {
        assertEquals(Duration.ofSeconds(1), LONGEST.delay(1));
        assertEquals(Duration.ofSeconds(2), LONGEST.delay(2));
        assertEquals(Duration.ofSeconds(256), LONGEST.delay(9));
        assertEquals(Duration.ofMinutes(5), LONGEST.delay(10));
        assertEquals(Duration.ofMinutes(5), LONGEST.delay(1_000), "no overflow, however many attempts");
    }

    @Test
    void theWaitIsDrawnBetweenZeroAndTheBound() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0L).delay(4));
        var random = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(7));
        for (int i = 0; i < 1_000; i++) {
            Duration delay = random.delay(3);
            assertTrue(!delay.isNegative() && delay.compareTo(Duration.ofSeconds(4)) <= 0, delay.toString());
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), Sender.retryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Sender.retryAfter("Tue, 01 Dec 2026 10:01:30 GMT", now));
        assertEquals(Optional.empty(), Sender.retryAfter("Tue, 01 Dec 2026 09:59:00 GMT", now), "already past");
        assertEquals(Optional.empty(), Sender.retryAfter("soon", now));
        assertEquals(Optional.empty(), Sender.retryAfter("0", now));
    }
}

package dev.dapple.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaderConfigurationTest {

    @Test
    void defaultsAreFifteenAndFiveSeconds() {
        assertEquals(new LeaderConfiguration(Duration.ofSeconds(15), Duration.ofSeconds(5)),
                new LeaderConfiguration((String) null, null));
    }

    @Test
    void durationsAreReadAsWritten() {
        assertEquals(new LeaderConfiguration(Duration.ofSeconds(2), Duration.ofMillis(300)),
                new LeaderConfiguration("2s", "300ms"));
    }

    @Test
    void aValueThatIsNoDurationNamesItsKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LeaderConfiguration("soon", null));
        assertTrue(e.getMessage().startsWith("dapple.leader.lease-duration must be a duration"), e.getMessage());
    }

    @Test
    void durationsMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LeaderConfiguration("15s", "0s"));
        assertTrue(e.getMessage().startsWith("dapple.leader.renew-interval must be a positive"), e.getMessage());
    }

    @Test
    void theRenewIntervalMustBeShorterThanTheLease() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LeaderConfiguration("5s", "5s"));
        assertTrue(e.getMessage().contains("dapple.leader.renew-interval (PT5S) must be shorter than dapple.leader.lease-duration"),
                e.getMessage());
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDeliveryConfigurationTest {

    @Test
    void defaultsAreOneSecondPassesADayOfRetriesAndBoundedTimeouts() {
        assertEquals(new AlertDeliveryConfiguration(Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofMinutes(5)),
                AlertDeliveryConfiguration.defaults());
    }

    @Test
    void keysAreReadFromTheConfiguration() {
        try (var context = ApplicationContext.builder().environments(Environment.TEST) // in-memory store, no jobs
                .properties(Map.of("dapple.alert.delivery.interval", "2s", "dapple.alert.delivery.max-age", "12h",
                        "dapple.alert.delivery.connect-timeout", "3s", "dapple.alert.delivery.request-timeout", "10s",
                        "dapple.alert.delivery.backoff-base", "500ms", "dapple.alert.delivery.backoff-cap", "1m"))
                .eagerInitSingletons(false).build()) {
            context.start();
            assertEquals(new AlertDeliveryConfiguration(Duration.ofSeconds(2), Duration.ofHours(12),
                    Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(1)),
                    context.getBean(AlertDeliveryConfiguration.class));
        }
    }

    @Test
    void aBadValueIsRefusedNamingTheKey() {
        var unreadable = assertThrows(IllegalArgumentException.class,
                () -> new AlertDeliveryConfiguration(null, "a day", null, null, null, (String) null));
        assertEquals("dapple.alert.delivery.max-age must be a duration like 5s or 24h, not 'a day'",
                unreadable.getMessage());
        var zero = assertThrows(IllegalArgumentException.class,
                () -> new AlertDeliveryConfiguration(null, null, null, "0s", null, (String) null));
        assertEquals("dapple.alert.delivery.request-timeout must be longer than 0, not 0", zero.getMessage());
        var capBelowBase = assertThrows(IllegalArgumentException.class,
                () -> new AlertDeliveryConfiguration(null, null, null, null, "10s", "5s"));
        assertEquals("dapple.alert.delivery.backoff-cap (5s) must not be shorter than dapple.alert.delivery.backoff-base"
                + " (10s)", capBelowBase.getMessage());
    }
}

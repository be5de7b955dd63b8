package dev.dapple.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionConfigurationTest {

    @Test
    void defaultsAreFourteenDaysOfRunsThreeOfMinutesFortyOfHoursFourHundredOfDays() {
        assertEquals(new RetentionConfiguration(Duration.ofDays(14), Duration.ofDays(3), Duration.ofDays(40),
                Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofDays(7)),
                new RetentionConfiguration(null, null, (String) null, null, null, null, null, null, null));
    }

    @Test
    void keysAreReadFromTheConfiguration() {
        // A bare context (no datasource, no server): only the configuration bean is asked for.
        try (var context = ApplicationContext.builder(Environment.TEST).deduceEnvironment(false)
                .properties(Map.of("dapple.retention.runs", "30d", "dapple.retention.minute-rollups", "36h",
                        "dapple.retention.hour-rollups", "90d", "dapple.retention.day-rollups", "800d",
                        "dapple.retention.incidents", "730d", "dapple.retention.maintenance", "30d",
                        "dapple.retention.sent-alerts", "3d", "dapple.retention.dead-alerts", "60d",
                        "dapple.retention.silent-probes", "2d"))
                .eagerInitSingletons(false).build()) {
            context.start();
            assertEquals(new RetentionConfiguration(Duration.ofDays(30), Duration.ofHours(36), Duration.ofDays(90),
                    Duration.ofDays(800), Duration.ofDays(730), Duration.ofDays(30), Duration.ofDays(3),
                    Duration.ofDays(60), Duration.ofDays(2)), context.getBean(RetentionConfiguration.class));
        }
    }

    @Test
    void aBadOrTooShortValueIsRefusedNamingTheKey() {
        var unreadable = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration("two weeks", null, null, null, null, null, null, null, null));
        assertEquals("dapple.retention.runs must be a duration like 14d or 36h, not 'two weeks'", unreadable.getMessage());
        var short_ = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration(null, "1h", null, null, null, null, null, null, null));
        assertEquals("dapple.retention.minute-rollups must be at least 3h, not 1h", short_.getMessage());
        var incidents = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration(null, null, null, null, "1 year", null, null, null, null));
        assertEquals("dapple.retention.incidents must be a duration like 14d or 36h, not '1 year'", incidents.getMessage());
        var maintenance = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration(null, null, null, null, null, "12h", null, null, null));
        assertEquals("dapple.retention.maintenance must be at least 1d, not 12h", maintenance.getMessage());
        var sent = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration(null, null, null, null, null, null, "a week", null, null));
        assertEquals("dapple.retention.sent-alerts must be a duration like 14d or 36h, not 'a week'", sent.getMessage());
        var dead = assertThrows(IllegalArgumentException.class,
                () -> new RetentionConfiguration(null, null, null, null, null, null, null, "2h", null));
        assertEquals("dapple.retention.dead-alerts must be at least 1d, not 2h", dead.getMessage());
    }
}

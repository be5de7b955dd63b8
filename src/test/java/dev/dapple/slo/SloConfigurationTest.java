package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloConfigurationTest {

    @Test
    void defaults() {
        assertEquals(new SloConfiguration(SloTarget.percent("99.5"), Duration.ofDays(28), 10, Duration.ofSeconds(30)),
                SloConfiguration.defaults());
    }

    @Test
    void everyKeyIsRead() {
        try (var context = ApplicationContext.builder(Environment.TEST).deduceEnvironment(false)
                .properties(Map.of("dapple.slo.availability", "99.9%", "dapple.slo.window", "30d",
                        "dapple.slo.min-runs", "20", "dapple.slo.evaluation-interval", "1m"))
                .eagerInitSingletons(false).build()) {
            context.start();
            assertEquals(new SloConfiguration(SloTarget.percent("99.9"), Duration.ofDays(30), 20, Duration.ofMinutes(1)),
                    context.getBean(SloConfiguration.class));
        }
    }

    private static String refused(String availability, String window, String minRuns, String interval) {
        return assertThrows(IllegalArgumentException.class,
                () -> new SloConfiguration(availability, window, minRuns, interval)).getMessage();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("dapple.slo.availability must be a percentage like 99.5 or 99.9%, not 'high'",
                refused("high", null, null, null));
        assertEquals("dapple.slo.availability must be above 0 and below 100, not '100'",
                refused("100", null, null, null));
        assertEquals("dapple.slo.window must be a duration like 28d or 30d, not 'monthly'",
                refused(null, "monthly", null, null));
        assertEquals("dapple.slo.window must be from 3d to 400d, not 1d", refused(null, "1d", null, null));
        assertEquals("dapple.slo.min-runs must be a whole number like 10, not 'ten'",
                refused(null, null, "ten", null));
        assertEquals("dapple.slo.min-runs must be from 1 to 100000, not 0", refused(null, null, "0", null));
        assertEquals("dapple.slo.evaluation-interval must be a duration like 30s or 1m, not 'often'",
                refused(null, null, null, "often"));
        assertEquals("dapple.slo.evaluation-interval must be from 1s to 1h, not 2h", refused(null, null, null, "2h"));
    }
}

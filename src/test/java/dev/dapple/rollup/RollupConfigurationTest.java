package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupConfigurationTest {

    @Test
    void theGraceDefaultsToOneMinuteAndIsReadFromItsKey() {
        assertEquals(new RollupConfiguration(Duration.ofMinutes(1)), new RollupConfiguration((String) null));
        try (var context = ApplicationContext.builder(Environment.TEST).deduceEnvironment(false)
                .properties(Map.of("dapple.rollups.grace", "90s")).eagerInitSingletons(false).build()) {
            context.start();
            assertEquals(new RollupConfiguration(Duration.ofSeconds(90)), context.getBean(RollupConfiguration.class));
        }
    }

    @Test
    void aBadGraceIsRefusedNamingTheKey() {
        assertEquals("dapple.rollups.grace must be a duration like 1m or 30s, not 'soon'",
                assertThrows(IllegalArgumentException.class, () -> new RollupConfiguration("soon")).getMessage());
        assertEquals("dapple.rollups.grace must be a duration from 0s to 1h, like 1m, not PT2H",
                assertThrows(IllegalArgumentException.class, () -> new RollupConfiguration("2h")).getMessage());
    }
}

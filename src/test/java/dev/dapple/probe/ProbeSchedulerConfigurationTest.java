package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeSchedulerConfigurationTest {

    @Test
    void defaultsWhenUnset() {
        assertEquals(new ProbeSchedulerConfiguration(200, Duration.ofSeconds(10)), new ProbeSchedulerConfiguration(null, " "));
        assertEquals(ProbeSchedulerConfiguration.DEFAULTS, new ProbeSchedulerConfiguration(null, null));
    }

    @Test
    void valuesAreRead() {
        assertEquals(new ProbeSchedulerConfiguration(5, Duration.ofMillis(1500)), new ProbeSchedulerConfiguration("5", "1500ms"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "many | 10s   | dapple.probe.max-concurrent-runs must be a whole number like 200, not 'many'",
            "0    | 10s   | dapple.probe.max-concurrent-runs must be at least 1, not 0",
            "-3   | 10s   | dapple.probe.max-concurrent-runs must be at least 1, not -3",
            "10   | soon  | dapple.probe.shutdown-grace must be a duration like 10s, not 'soon'",
    })
    void aBadValueIsRefusedNamingTheKey(String maxConcurrentRuns, String shutdownGrace, String message) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ProbeSchedulerConfiguration(maxConcurrentRuns, shutdownGrace));
        assertEquals(message, e.getMessage());
    }

    @Test
    void boundFromTheKeys() {
        // A bare context (no datasource, no server): only the configuration bean is asked for.
        try (var context = ApplicationContext.builder(Environment.TEST).deduceEnvironment(false)
                .properties(Map.of("dapple.probe.max-concurrent-runs", "7", "dapple.probe.shutdown-grace", "3s"))
                .eagerInitSingletons(false).build()) {
            context.start();
            assertEquals(new ProbeSchedulerConfiguration(7, Duration.ofSeconds(3)),
                    context.getBean(ProbeSchedulerConfiguration.class));
        }
    }

    @Test
    void notACommandLineBean() {
        try (var context = ApplicationContext.builder(Environment.CLI, Environment.TEST).deduceEnvironment(false).build()) {
            context.start();
            assertEquals(false, context.containsBean(ProbeSchedulerConfiguration.class));
        }
    }
}

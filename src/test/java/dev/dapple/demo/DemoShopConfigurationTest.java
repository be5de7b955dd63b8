package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoShopConfigurationTest {

    private static Map<String, Object> baseProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url",
                "jdbc:h2:mem:demo-config;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        properties.put("dapple.data-dir", "target/test-data");
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dapple.demo.failure-rate       | 1.5        | must be between 0 and 1, not 1.5",
            "dapple.demo.failure-rate       | -0.1       | must be between 0 and 1, not -0.1",
            "dapple.demo.flaky-failure-rate | 2          | must be between 0 and 1, not 2.0",
            "dapple.demo.latency            | -5ms       | must be a duration of 0 or more (like 20ms), not -5ms",
            "dapple.demo.jitter             | -1s        | must be a duration of 0 or more (like 20ms), not -1000ms",
            // Values that do not convert: Micronaut's own binding would quietly use the default instead.
            "dapple.demo.failure-rate       | often      | must be a number between 0 and 1, not 'often'",
            "dapple.demo.flaky-failure-rate | 20%        | must be a number between 0 and 1, not '20%'",
            "dapple.demo.latency            | slow       | must be a duration like 20ms, not 'slow'",
            "dapple.demo.jitter             | 10 parsecs | must be a duration like 10ms, not '10 parsecs'",
            "dapple.demo.enabled            | maybe      | must be true or false, not 'maybe'",
    })
    void aBadValueFailsTheStartNamingTheKey(String key, String value, String reason) {
        Map<String, Object> properties = baseProperties();
        properties.put(key, value);
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(EmbeddedServer.class, properties).close());
        assertEquals(key + " " + reason, rootMessage(e));
    }

    @Test
    void defaults() {
        // No deduced "test" environment: its configuration turns the latency off.
        try (var context = ApplicationContext.builder().deduceEnvironment(false).properties(baseProperties()).start()) {
            var config = context.getBean(DemoShopConfiguration.class);
            assertEquals(new DemoShopConfiguration(true, Duration.ofMillis(20), Duration.ofMillis(10), 0, 0.2, "demo"), config);
        }
    }

    @Test
    void configuredValuesAreBound() {
        Map<String, Object> properties = baseProperties();
        properties.putAll(Map.of("dapple.demo.latency", "1s", "dapple.demo.jitter", "PT0.5S",
                "dapple.demo.failure-rate", 0.25, "dapple.demo.flaky-failure-rate", "1", "dapple.demo.password", "hunter2"));
        try (var context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start()) {
            assertEquals(new DemoShopConfiguration(true, Duration.ofSeconds(1), Duration.ofMillis(500), 0.25, 1, "hunter2"),
                    context.getBean(DemoShopConfiguration.class));
        }
    }

    @Test
    void anEmptyPasswordIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DemoShopConfiguration(true, Duration.ZERO, Duration.ZERO, 0, 0, ""));
        assertEquals("dapple.demo.password must not be empty", e.getMessage());
    }

    @Test
    void notANumberIsNotARate() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DemoShopConfiguration(true, Duration.ZERO, Duration.ZERO, Double.NaN, 0, "demo"));
        assertTrue(e.getMessage().startsWith("dapple.demo.failure-rate"), e.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

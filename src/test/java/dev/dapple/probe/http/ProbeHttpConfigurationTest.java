package dev.dapple.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeHttpConfigurationTest {

    @Test
    void sizesAreReadWith1024BasedUnits() {
        assertEquals(1_048_576, ProbeHttpConfiguration.parseSize("1MiB"));
        assertEquals(1_048_576, ProbeHttpConfiguration.parseSize("1MB"));
        assertEquals(512 * 1024, ProbeHttpConfiguration.parseSize("512 KiB"));
        assertEquals(2_000_000, ProbeHttpConfiguration.parseSize("2000000"));
        assertEquals(1L << 30, ProbeHttpConfiguration.parseSize("1g"));
    }

    @Test
    void aBadSizeNamesTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProbeHttpConfiguration.parseSize("lots"));
        assertEquals("dapple.probe.max-body must be a size like 1MiB, 512KB or 2000000, not 'lots'", e.getMessage());
    }

    @Test
    void sizesAreDescribedAsPeopleWriteThem() {
        assertEquals("1 MiB", ProbeHttpConfiguration.describe(1 << 20));
        assertEquals("512 KiB", ProbeHttpConfiguration.describe(512 << 10));
        assertEquals("1500 bytes", ProbeHttpConfiguration.describe(1500));
    }

    @Test
    void theDefaultIsOneMiBAndTheKeyOverridesIt() {
        try (var ctx = ApplicationContext.builder().properties(Map.of("dapple.probe.max-body", "2MiB"))
                .eagerInitSingletons(false).start()) {
            assertEquals(2 << 20, ctx.getBean(ProbeHttpConfiguration.class).maxBody());
        }
        try (var ctx = ApplicationContext.builder().properties(Map.of("dapple.probe.max-body", "")).start()) {
            assertEquals(1 << 20, ctx.getBean(ProbeHttpConfiguration.class).maxBody());
        }
    }

    @Test
    void aBadValueStopsTheContext() {
        try (var ctx = ApplicationContext.builder().properties(Map.of("dapple.probe.max-body", "huge")).build()) {
            var e = assertThrows(BeanInstantiationException.class, () -> ctx.start().getBean(ProbeHttpConfiguration.class));
            assertEquals(true, e.getMessage().contains("dapple.probe.max-body must be a size like 1MiB"), e.getMessage());
        }
    }
}

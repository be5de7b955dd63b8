package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "dapple.probe.embedded", value = "false")
class EmbeddedProbeDisabledTest {

    @Inject
    ApplicationContext context;

    @Test
    void aServerWithoutItsOwnProbeSchedulesNothing() {
        assertFalse(context.containsBean(EmbeddedProbe.class));
    }
}

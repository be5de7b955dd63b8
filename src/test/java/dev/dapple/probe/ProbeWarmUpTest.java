package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(startApplication = false, transactional = false)
class ProbeWarmUpTest {

    @Inject
    ProbeWarmUp warmUp;

    @Test
    void theWarmUpJourneyRunsUpAgainstItsLoopbackTarget() {
        assertTrue(warmUp.warmUp(), "every step of the warm-up journey passed, so its code paths are loaded");
    }
}

package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step-histogram switch takes true or false; anything else stops the start instead of meaning false. */
class MetricsConfigurationTest {

    @Test
    void trueAndFalseAreRead() {
        assertFalse(new MetricsConfiguration((String) null).stepHistograms(), "off by default");
        assertTrue(new MetricsConfiguration(" TRUE ").stepHistograms());
        assertFalse(new MetricsConfiguration("false").stepHistograms());
    }

    @Test
    void anythingElseNamesTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MetricsConfiguration("yes"));
        assertEquals("dapple.metrics.step-histograms must be true or false, not 'yes'", e.getMessage());
    }
}

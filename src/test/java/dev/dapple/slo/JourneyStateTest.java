package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The most urgent condition names the state: incident, then burn alert, then spent budget, then data at all. */
class JourneyStateTest {

    @Test
    void theMostUrgentConditionWins() {
        assertEquals(JourneyState.INCIDENT, JourneyState.of(true, true, true, true));
        assertEquals(JourneyState.BURNING, JourneyState.of(false, true, true, true));
        assertEquals(JourneyState.EXHAUSTED, JourneyState.of(false, false, true, true));
        assertEquals(JourneyState.OK, JourneyState.of(false, false, false, true));
        assertEquals(JourneyState.NO_DATA, JourneyState.of(false, false, false, false));
    }
}

package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventCountsTest {

    @Test
    void validIsGoodPlusBad() {
        EventCounts counts = new EventCounts(997, 3);
        assertEquals(1000, counts.valid());
        assertEquals(0.997, counts.sli().getAsDouble());
        assertEquals(0.003, counts.errorRatio().getAsDouble());
    }

    @Test
    void noValidEventsLeaveTheRatiosUnknownNotPerfect() {
        assertTrue(EventCounts.NONE.sli().isEmpty());
        assertTrue(EventCounts.NONE.errorRatio().isEmpty());
    }

    @Test
    void spansAddUp() {
        assertEquals(new EventCounts(15, 4), new EventCounts(10, 1).plus(new EventCounts(5, 3)));
        assertEquals(new EventCounts(5, 3), EventCounts.NONE.plus(new EventCounts(5, 3)));
    }

    @Test
    void negativeCountsAreRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> new EventCounts(-1, 0));
        assertEquals("event counts cannot be negative: good -1, bad 0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EventCounts(0, -5));
    }

    @Test
    void countsWhoseSumOverflowsAreRefused() {
        assertThrows(ArithmeticException.class, () -> new EventCounts(Long.MAX_VALUE, 1));
        var half = new EventCounts(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
        assertThrows(ArithmeticException.class, () -> half.plus(new EventCounts(Long.MAX_VALUE / 2, 0)));
    }

    @Test
    void hugeCountsKeepAccurateRatios() {
        long bad = 1L << 40;
        var counts = new EventCounts(Long.MAX_VALUE - bad, bad);
        assertEquals(Long.MAX_VALUE, counts.valid());
        assertEquals(0x1p40 / 0x1p63, counts.errorRatio().getAsDouble(), 1e-15);
        assertEquals(1 - 0x1p40 / 0x1p63, counts.sli().getAsDouble(), 1e-15);
    }
}

package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlannedTimesTest {

    private static final Instant NEW_YEAR = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void thePhaseIsTheFirstEightBytesOfTheNamesSha256ModuloTheInterval() {
        // Computed independently: int.from_bytes(sha256(name)[:8], 'big') % interval_ms
        assertEquals(0x2b0084f1e8f76c15L, PlannedTimes.hash("demo-checkout"));
        assertEquals(Duration.ofMillis(55_189), PlannedTimes.phase("demo-checkout", Duration.ofMinutes(1)));
        assertEquals(Duration.ofMillis(4_905), PlannedTimes.phase("login", Duration.ofSeconds(10)));
        // The hash's top bit is set here: it is read unsigned.
        assertEquals(Duration.ofMillis(21_652), PlannedTimes.phase("", Duration.ofMinutes(1)));
    }

    @Test
    void plannedTimesAreAlignedToTheEpoch() {
        assertEquals(Instant.parse("2025-01-01T00:00:55.189Z"),
                PlannedTimes.next("demo-checkout", Duration.ofMinutes(1), NEW_YEAR));
        assertEquals(Instant.parse("2025-01-01T00:00:04.905Z"), PlannedTimes.next("login", Duration.ofSeconds(10), NEW_YEAR));
        assertEquals(Instant.parse("2025-01-01T00:02:19.979Z"), PlannedTimes.next("search", Duration.ofMinutes(5), NEW_YEAR));
    }

    @Test
    void nextIsStrictlyAfterEvenWithinTheSameMillisecond() {
        Instant planned = Instant.parse("2025-01-01T00:00:55.189Z");
        Duration minute = Duration.ofMinutes(1);
        assertEquals(planned, PlannedTimes.next("demo-checkout", minute, planned.minusNanos(1)));
        assertEquals(planned.plus(minute), PlannedTimes.next("demo-checkout", minute, planned));
        assertEquals(planned.plus(minute), PlannedTimes.next("demo-checkout", minute, planned.plusNanos(999_999)));
        assertEquals(Instant.parse("1969-12-31T23:59:55.189Z"),
                PlannedTimes.next("demo-checkout", minute, Instant.parse("1969-12-31T23:59:00Z")));
    }

    @Test
    void phasesOfAThousandJourneysSpreadOverTheMinute() {
        int[] perSecond = new int[60];
        IntStream.range(0, 1000).forEach(i ->
                perSecond[(int) PlannedTimes.phase("journey-" + i, Duration.ofMinutes(1)).toSeconds()]++);
        double mean = 1000 / 60.0;
        for (int second = 0; second < 60; second++) {
            assertTrue(perSecond[second] <= 3 * mean, "second " + second + " holds " + perSecond[second]);
            assertTrue(perSecond[second] > 0, "no journey at second " + second);
        }
    }

    @Test
    void aScheduleComputedFromTheEpochDoesNotDrift() {
        Duration interval = Duration.ofSeconds(37);
        Instant first = PlannedTimes.next("drift", interval, NEW_YEAR);
        Instant planned = first;
        for (int i = 0; i < 100_000; i++) {
            planned = PlannedTimes.next("drift", interval, planned);
        }
        assertEquals(first.plus(interval.multipliedBy(100_000)), planned);
        assertEquals(PlannedTimes.phase("drift", interval).toMillis(), Math.floorMod(planned.toEpochMilli(), interval.toMillis()));
    }

    @Test
    void anIntervalBelowAMillisecondIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PlannedTimes.phase("x", Duration.ZERO));
    }
}

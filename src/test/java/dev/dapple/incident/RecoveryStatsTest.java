package dev.dapple.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MTTR, MTBF and the rest over hand-made incidents in a ten-hour window. */
class RecoveryStatsTest {

    static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofHours(10));

    static Incident incident(long id, Duration start, Duration length, boolean breached) {
        Instant started = FROM.plus(start);
        Instant ended = length == null ? null : started.plus(length);
        return new Incident(id, "checkout", started, ended, List.of("eu-west"), List.of(), false, false, 3, breached,
                null, null, started, ended);
    }

    @Test
    void figuresOverSeveralIncidents() {
        RecoveryStats stats = RecoveryStats.of(FROM, TO, List.of(
                incident(1, Duration.ofHours(1), Duration.ofMinutes(10), false),
                incident(2, Duration.ofHours(3), Duration.ofMinutes(30), true),
                incident(3, Duration.ofHours(6), Duration.ofMinutes(20), false),
                incident(4, Duration.ofMinutes(9 * 60 + 30), null, false))); // open: 30 minutes until the window ends

        assertEquals(4, stats.incidents());
        assertEquals(3, stats.resolved());
        assertEquals(Duration.ofMinutes(20), stats.mttr(), "(10 + 30 + 20) / 3");
        assertEquals(Duration.ofMinutes(30), stats.longestRecovery());
        assertEquals(1, stats.breaches());
        assertEquals(Duration.ofMinutes(90), stats.downtime(), "10 + 30 + 20 + 30 of the open one");
        assertEquals(Duration.ofSeconds(7650), stats.mtbf(), "(600 − 90) minutes / 4 = 127.5 minutes");
    }

    @Test
    void anIncidentEndingAfterTheWindowCountsItsWholeRecoveryButOnlyTheDowntimeInside() {
        RecoveryStats stats = RecoveryStats.of(FROM, TO, List.of(
                incident(1, Duration.ofMinutes(9 * 60 + 50), Duration.ofMinutes(40), true)));
        assertEquals(Duration.ofMinutes(40), stats.mttr());
        assertEquals(Duration.ofMinutes(10), stats.downtime());
        assertEquals(Duration.ofMinutes(590), stats.mtbf());
    }

    @Test
    void noIncidentsMeansNothingToAverage() {
        RecoveryStats stats = RecoveryStats.of(FROM, TO, List.of());
        assertEquals(new RecoveryStats(FROM, TO, 0, 0, null, null, null, 0, Duration.ZERO), stats);
    }
}

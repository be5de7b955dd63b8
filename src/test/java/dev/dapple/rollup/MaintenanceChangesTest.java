package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.maintenance.MaintenanceCalendar.Changed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceChangesTest {

    private static Instant at(String time) {
        return Instant.parse("2026-11-20T" + time + "Z");
    }

    @Test
    void wholeHoursOfTheChangesWithRawRunsThatAreDerivedAndNotDoneYet() {
        List<Changed> changes = List.of(new Changed(at("02:20:00"), at("03:10:00")),
                new Changed(at("03:30:00"), at("04:00:00")), new Changed(at("09:59:00"), at("12:00:00")));
        assertEquals(List.of(at("02:00:00"), at("03:00:00"), at("09:00:00"), at("10:00:00"), at("11:00:00")),
                List.copyOf(MaintenanceChanges.hours(changes, at("00:00:00"), at("12:30:00"), Instant.EPOCH)));
        assertEquals(List.of(at("03:00:00"), at("09:00:00")),
                List.copyOf(MaintenanceChanges.hours(changes, at("02:10:00"), at("10:00:00"), Instant.EPOCH)),
                "02:00 has lost raw runs; minutes from 10:00 are not derived yet");
        assertEquals(List.of(at("10:00:00"), at("11:00:00")),
                List.copyOf(MaintenanceChanges.hours(changes, at("00:00:00"), at("12:30:00"), at("10:00:00"))),
                "the batch is done up to 10:00");
    }
}

package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    private static final Instant PLANNED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theSamePlannedRunHasTheSameIdEverywhere() {
        assertEquals(RunIds.of("checkout", "eu-west", PLANNED), RunIds.of("checkout", "eu-west", PLANNED));
        assertEquals("af58474e-86aa-30fc-88bf-3c206a3336c1", RunIds.of("checkout", "eu-west", PLANNED).toString(),
                "the derivation is part of the storage format: changing it would break replay detection");
    }

    @Test
    void anyDifferenceGivesAnotherId() {
        var id = RunIds.of("checkout", "eu-west", PLANNED);
        assertNotEquals(id, RunIds.of("checkout", "us-east", PLANNED));
        assertNotEquals(id, RunIds.of("search", "eu-west", PLANNED));
        assertNotEquals(id, RunIds.of("checkout", "eu-west", PLANNED.plusMillis(1)));
        assertNotEquals(RunIds.of("a-b", "c", PLANNED), RunIds.of("a", "b-c", PLANNED));
    }
}

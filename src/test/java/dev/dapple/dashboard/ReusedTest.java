package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.leader.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReusedTest {

    @Test
    void aValueIsBuiltAtMostOncePerMaxAge() throws SQLException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        AtomicInteger builds = new AtomicInteger();
        Reused<Integer> reused = new Reused<>(builds::incrementAndGet, Duration.ofSeconds(30), clock);

        assertEquals(1, reused.get());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(1, reused.get(), "29 s later: the same value, not built again");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, reused.get(), "30 s after it was built: built again");
        assertEquals(2, builds.get());
    }

    @Test
    void aFailedBuildKeepsNothingAndIsTriedAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        AtomicInteger attempts = new AtomicInteger();
        Reused<Integer> reused = new Reused<>(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SQLException("database away");
            }
            return attempts.get();
        }, Duration.ofSeconds(30), clock);

        assertThrows(SQLException.class, reused::get);
        assertEquals(2, assertDoesNotThrow(reused::get), "the next request builds again");
    }
}

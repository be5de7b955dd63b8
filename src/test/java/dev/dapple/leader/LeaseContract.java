package dev.dapple.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease contract: taking, renewing, expiring and releasing a lease behave the same on every database. Each
 * database gets a subclass ({@link H2LeaseTest}, {@link PostgresLeaseTest}).
 */
abstract class LeaseContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration TTL = Duration.ofSeconds(15);
    static final int THREADS = 8;

    @Inject
    DataSource dataSource;

    LeaseStore store;
    String name;

    @BeforeEach
    void store() {
        store = new LeaseStore(dataSource);
        // Each test its own lease (a PER_CLASS subclass shares one instance), apart from the context's "leader".
        name = "test-" + UUID.randomUUID();
    }

    @Test
    void aFreeLeaseIsAcquired() throws SQLException {
        assertTrue(store.tryAcquire(name, "a", T0, TTL));
        assertEquals(new Lease(name, "a", T0.plus(TTL), T0, T0), store.find(name).orElseThrow());
    }

    @Test
    void anotherHolderCannotTakeAFreshLease() throws SQLException {
        assertTrue(store.tryAcquire(name, "a", T0, TTL));
        assertFalse(store.tryAcquire(name, "b", T0.plus(TTL).minusMillis(1), TTL));
        assertEquals("a", store.find(name).orElseThrow().holder());
    }

    @Test
    void renewalExtendsTheLeaseAndKeepsWhenItWasAcquired() throws SQLException {
        assertTrue(store.tryAcquire(name, "a", T0, TTL));
        Instant later = T0.plusSeconds(10);
        assertTrue(store.tryAcquire(name, "a", later, TTL));
        assertEquals(new Lease(name, "a", later.plus(TTL), T0, later), store.find(name).orElseThrow());
        assertFalse(store.tryAcquire(name, "b", T0.plus(TTL).plusSeconds(1), TTL), "renewed past its first expiry");
    }

    @Test
    void onceExpiredAnotherTakesOver() throws SQLException {
        MutableClock clock = new MutableClock(T0);
        assertTrue(store.tryAcquire(name, "a", clock.instant(), TTL));
        clock.advance(TTL);
        assertTrue(store.tryAcquire(name, "b", clock.instant(), TTL));
        assertEquals(new Lease(name, "b", clock.instant().plus(TTL), clock.instant(), clock.instant()),
                store.find(name).orElseThrow());
        assertFalse(store.tryAcquire(name, "a", clock.instant(), TTL), "the old holder has lost it");
    }

    @Test
    void releaseLetsAnotherTakeOverAtOnce() throws SQLException {
        assertTrue(store.tryAcquire(name, "a", T0, TTL));
        assertFalse(store.release(name, "b"), "only the holder releases");
        assertTrue(store.release(name, "a"));
        assertTrue(store.find(name).isEmpty());
        assertTrue(store.tryAcquire(name, "b", T0.plusMillis(1), TTL));
    }

    @Test
    void concurrentAcquisitionOfAFreeLeaseYieldsOneHolder() throws Exception {
        assertEquals(1, race(T0));
    }

    @Test
    void concurrentTakeoverOfAnExpiredLeaseYieldsOneHolder() throws Exception {
        assertTrue(store.tryAcquire(name, "old", T0, TTL));
        assertEquals(1, race(T0.plus(TTL)));
    }

    @Test
    void leadershipLapsesOnTheMonotonicClockWithoutTheDatabase() throws SQLException {
        MutableClock clock = new MutableClock(T0);
        AtomicLong nanos = new AtomicLong();
        var config = new LeaderConfiguration(Duration.ofSeconds(2), Duration.ofMillis(300));
        // A store whose every call fails, as when the database is unreachable.
        var down = new LeaseStore(dataSource) {
            boolean broken;

            @Override
            public boolean tryAcquire(String n, String h, Instant now, Duration d) throws SQLException {
                if (broken) {
                    throw new SQLException("Connection refused");
                }
                return super.tryAcquire(n, h, now, d);
            }
        };
        LeaderLease lease = new LeaderLease(down, config, clock, nanos::get, name, "me", false);
        lease.tick();
        assertTrue(lease.isLeader());
        down.broken = true;
        nanos.addAndGet(Duration.ofMillis(1900).toNanos());
        lease.tick();
        assertTrue(lease.isLeader(), "still within the lease");
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertFalse(lease.isLeader(), "lapsed by itself, with no renewal and no database");
    }

    @Test
    void stoppingALeaderReleasesItsLease() throws SQLException {
        AtomicLong nanos = new AtomicLong();
        var config = new LeaderConfiguration(Duration.ofSeconds(2), Duration.ofMillis(300));
        LeaderLease first = new LeaderLease(store, config, Clock.systemUTC(), nanos::get, name, "first", false);
        LeaderLease second = new LeaderLease(store, config, Clock.systemUTC(), nanos::get, name, "second", false);
        first.tick();
        second.tick();
        assertTrue(first.isLeader());
        assertFalse(second.isLeader());
        first.stop();
        assertFalse(first.isLeader());
        second.tick();
        assertTrue(second.isLeader());
        second.stop();
    }

    /** {@link #THREADS} holders try to take {@link #name} at the same moment; answers how many succeeded. */
    private int race(Instant now) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String holder = "h" + i;
            attempts.add(() -> {
                ready.countDown();
                go.await();
                return store.tryAcquire(name, holder, now, TTL);
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(pool.submit(attempt));
            }
            ready.await();
            go.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            String holder = store.find(name).orElseThrow().holder();
            assertTrue(holder.startsWith("h"), "held by one of the racers, not " + holder);
            return winners;
        }
    }
}

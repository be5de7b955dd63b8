package dev.dapple.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.database.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Several application contexts on one database never lead at the same time, and a survivor takes over: at once when
 * the leader shuts down, within the lease duration plus one renew interval when it dies without a word.
 */
class LeaderFailoverTest {

    static final Duration LEASE = Duration.ofSeconds(2);
    static final Duration RENEW = Duration.ofMillis(300);
    static final Duration MARGIN = Duration.ofMillis(700);

    @Test
    @EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
            disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL failover test skipped")
    void onPostgres() throws Exception {
        TestStores.onFreshPostgresSchema(this::failover);
    }

    @Test
    void onH2() throws Exception {
        failover(TestStores.sharedH2("lease"));
    }

    private void failover(Map<String, String> store) throws Exception {
        var properties = new HashMap<>(store);
        properties.put("dapple.leader.lease-duration", LEASE.toMillis() + "ms");
        properties.put("dapple.leader.renew-interval", RENEW.toMillis() + "ms");
        List<ApplicationContext> contexts = new CopyOnWriteArrayList<>();
        AtomicReference<String> overlap = new AtomicReference<>();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                List<String> leaders = contexts.stream().filter(ApplicationContext::isRunning)
                        .map(c -> c.getBean(LeaderLease.class)).filter(LeaderLease::isLeader).map(LeaderLease::holder).toList();
                if (leaders.size() > 1) {
                    overlap.compareAndSet(null, String.join(", ", leaders));
                }
                Thread.onSpinWait();
            }
        });
        try {
            contexts.add(start(properties));
            contexts.add(start(properties));
            ApplicationContext first = awaitLeader(contexts, LEASE.plus(RENEW).plus(MARGIN));
            Thread.sleep(3 * RENEW.toMillis()); // a few renewals with both running

            // Graceful shutdown: the lease is released, the other takes it at its next attempt.
            long closed = System.nanoTime();
            contexts.remove(first);
            first.close();
            ApplicationContext second = awaitLeader(contexts, RENEW.plus(MARGIN));
            long handover = Duration.ofNanos(System.nanoTime() - closed).toMillis();

            // A crash: the leader loses its database and never releases; the newcomer waits out the lease.
            contexts.add(start(properties));
            Thread.sleep(3 * RENEW.toMillis());
            assertTrue(second.getBean(LeaderLease.class).isLeader(), "a newcomer does not take a held lease");
            long crashed = System.nanoTime();
            ((AutoCloseable) DelegatingDataSource.unwrapDataSource(second.getBean(DataSource.class))).close();
            ApplicationContext third = awaitLeader(contexts.stream().filter(c -> c != second).toList(),
                    LEASE.plus(RENEW).plus(MARGIN));
            long takeover = Duration.ofNanos(System.nanoTime() - crashed).toMillis();
            System.out.printf("leader failover on %s: handover after shutdown %d ms, takeover after a crash %d ms%n",
                    store.get("dapple.db.url").startsWith("jdbc:h2") ? "H2" : "PostgreSQL", handover, takeover);
            // The crashed leader last renewed up to one renew interval (plus that attempt's own time) before the crash.
            assertTrue(takeover >= LEASE.minus(RENEW).minusMillis(200).toMillis(),
                    "took over only once the lease could have expired: " + takeover + " ms");
            assertTrue(third.getBean(LeaderLease.class).isLeader());
        } finally {
            sampler.interrupt();
            sampler.join();
            contexts.forEach(ApplicationContext::close);
        }
        assertEquals(null, overlap.get(), "two instances led at once");
    }

    private static ApplicationContext start(Map<String, String> properties) {
        return ApplicationContext.builder().environments("test").properties(Map.copyOf(properties)).start();
    }

    private static ApplicationContext awaitLeader(List<ApplicationContext> contexts, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (ApplicationContext context : contexts) {
                if (context.getBean(LeaderLease.class).isLeader()) {
                    return context;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no leader within " + within);
    }
}

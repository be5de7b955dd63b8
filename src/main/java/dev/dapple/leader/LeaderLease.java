package dev.dapple.leader;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is the leader: the one of several servers sharing a database that does what must happen
 * once. Every instance tries to take or renew the {@value #NAME} lease every renew interval; with one server it is
 * always that one.
 *
 * <p>Wall-clock times in the lease row come from the injected {@link Clock} (not the database's {@code now()}), so
 * tests can move time and both databases compare the same values; instances' clocks must agree to well within the
 * lease duration (NTP). {@link #isLeader()} itself counts on the monotonic clock from the start of the last
 * successful renewal, so a leader cut off from the database stops believing it leads no later than the row expires.
 */
@Context
@Requires(notEnv = Environment.CLI)
public class LeaderLease {

    static final String NAME = "leader";
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private final LeaseStore store;
    private final LeaderConfiguration config;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String name;
    private final String holder;
    private final Thread loop;

    private final Object lock = new Object();
    private boolean held;             // the last attempt succeeded; guarded by lock
    private long validUntilNanos;     // monotonic end of the lease we hold; guarded by lock
    private boolean believedLeader;   // what was last logged; guarded by lock
    private boolean storeReachable = true;
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    public LeaderLease(LeaseStore store, LeaderConfiguration config, Clock clock) {
        this(store, config, clock, System::nanoTime, NAME, newHolderId(), true);
    }

    /** For tests: their own clocks, lease and id, and no background loop when {@code start} is false. */
    LeaderLease(LeaseStore store, LeaderConfiguration config, Clock clock, LongSupplier nanoTime, String name,
                String holder, boolean start) {
        this.store = store;
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.holder = holder;
        this.loop = start ? Thread.ofVirtual().name("leader-lease").start(this::run) : null;
    }

    /** This instance's id in the lease row: host name plus a random suffix, unique per application context. */
    public String holder() {
        return holder;
    }

    /** True while this instance holds a lease that cannot have expired yet, whatever the database's state. */
    public boolean isLeader() {
        synchronized (lock) {
            return held && nanoTime.getAsLong() - validUntilNanos < 0;
        }
    }

    /** The lease row as the database has it now. */
    public java.util.Optional<Lease> current() throws SQLException {
        return store.find(name);
    }

    private void run() {
        try {
            do {
                tick();
            } while (!stopping.await(config.renewInterval().toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt to take or renew the lease. */
    void tick() {
        long started = nanoTime.getAsLong();
        Instant now = clock.instant();
        try {
            boolean acquired = store.tryAcquire(name, holder, now, config.leaseDuration());
            synchronized (lock) {
                held = acquired;
                if (acquired) {
                    // From before the write: the row's expiry was computed from this moment too.
                    validUntilNanos = started + config.leaseDuration().toNanos();
                }
            }
            if (!storeReachable) {
                storeReachable = true;
                LOG.info("Leader lease: the database is reachable again");
            }
        } catch (SQLException | RuntimeException e) {
            if (storeReachable) {
                storeReachable = false;
                LOG.warn("Leader lease: cannot reach the database, leadership lapses with the lease: {}", e.getMessage());
            }
        }
        logChange();
    }

    private void logChange() {
        boolean leading = isLeader();
        synchronized (lock) {
            if (leading == believedLeader) {
                return;
            }
            believedLeader = leading;
        }
        if (leading) {
            LOG.info("This instance ({}) is now the leader (lease {})", holder, config.leaseDuration());
        } else {
            LOG.info("This instance ({}) is no longer the leader", holder);
        }
    }

    /** Stops renewing and gives the lease up, so another instance takes over at its next attempt. */
    @PreDestroy
    void stop() {
        // Not an interrupt: that could break a database call half-way; the loop sees this between attempts.
        stopping.countDown();
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean wasHeld;
        synchronized (lock) {
            wasHeld = held;
            held = false;
        }
        if (!wasHeld) {
            logChange();
            return;
        }
        try {
            store.release(name, holder);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Leader lease: could not release it, another instance takes over when it expires: {}", e.getMessage());
        }
        logChange();
    }

    private static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package dev.dapple.retention;

import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Retention} on the leader every minute. Not in tests, which call it with their own clock. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class RetentionJob {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final LeaderLease lease;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;

    public RetentionJob(Retention retention, LeaderLease lease, Clock clock) {
        this.retention = retention;
        this.lease = lease;
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("retention").start(this::run);
    }

    private void run() {
        try {
            while (!stopping.await(INTERVAL.toNanos(), TimeUnit.NANOSECONDS)) {
                if (!lease.isLeader()) {
                    continue;
                }
                try {
                    Map<String, Long> deleted = retention.enforce(clock.instant());
                    if (!deleted.isEmpty()) {
                        LOG.info("Retention: deleted {}", deleted);
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Retention: cannot delete old rows, retrying in {}: {}", INTERVAL, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
        try {
            loop.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

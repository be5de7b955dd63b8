package dev.dapple.rollup;

import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RollupDeriver} on the leader every {@value #INTERVAL_SECONDS} s, and again right away while it is
 * catching up. Not in tests, which drive the deriver with their own clock instead of racing a background loop.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class RollupJob {

    static final int INTERVAL_SECONDS = 10;
    private static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(RollupJob.class);

    private final RollupDeriver deriver;
    private final LeaderLease lease;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    private String lastProblem;

    public RollupJob(RollupDeriver deriver, LeaderLease lease, Clock clock) {
        this.deriver = deriver;
        this.lease = lease;
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("rollups").start(this::run);
    }

    private void run() {
        Duration wait = Duration.ofSeconds(INTERVAL_SECONDS);
        try {
            while (!stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                wait = Duration.ofSeconds(INTERVAL_SECONDS);
                if (!lease.isLeader()) {
                    continue;
                }
                try {
                    if (deriver.pass(clock.instant()).behind()) {
                        wait = CATCH_UP_PAUSE; // a short breath for the database, then the next bounded part
                    }
                    lastProblem = null;
                } catch (SQLException | RuntimeException e) {
                    String problem = "Rollups: cannot derive, retrying every " + INTERVAL_SECONDS + " s: " + e.getMessage();
                    if (!Objects.equals(problem, lastProblem)) {
                        LOG.warn(problem);
                        lastProblem = problem;
                    }
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

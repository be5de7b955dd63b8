package dev.dapple.leader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must happen once across servers, repeated: a virtual thread runs a pass every interval while this
 * instance holds the {@link LeaderLease}, and does nothing on the others. A failed pass is retried at the next
 * interval; the same failure is logged once, not every interval.
 */
public final class LeaderJob implements AutoCloseable {

    /** One pass of the job; returns how long to wait before the next (the interval, or less to catch up). */
    @FunctionalInterface
    public interface Pass {
        Duration run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaderJob.class);

    private final String failure;
    private final Duration interval;
    private final LeaderLease lease;
    private final Pass pass;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;

    /** {@code failure} starts the warning logged when a pass fails, e.g. "Rollups: cannot derive". */
    public LeaderJob(String name, String failure, Duration interval, LeaderLease lease, Pass pass) {
        this.failure = failure;
        this.interval = interval;
        this.lease = lease;
        this.pass = pass;
        this.loop = Thread.ofVirtual().name(name).start(this::run);
    }

    private void run() {
        Duration wait = interval;
        String lastProblem = null;
        try {
            while (!stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                wait = interval;
                if (!lease.isLeader()) {
                    continue;
                }
                try {
                    wait = pass.run();
                    lastProblem = null;
                } catch (Exception e) {
                    String problem = failure + ", retrying every " + interval.toSeconds() + " s: " + e.getMessage();
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

    /** Stops the loop, waiting up to 10 s for a pass in progress to end. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            loop.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

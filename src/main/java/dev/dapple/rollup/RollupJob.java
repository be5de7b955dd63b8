package dev.dapple.rollup;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the {@link RollupDeriver} on the leader every 10 s, and again shortly while it is catching up. Not in tests,
 * which drive the deriver with their own clock instead of racing a background loop.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class RollupJob {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200); // a short breath for the database

    private final LeaderJob job;

    public RollupJob(RollupDeriver deriver, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("rollups", "Rollups: cannot derive", INTERVAL, lease,
                () -> deriver.pass(clock.instant()).behind() ? CATCH_UP_PAUSE : INTERVAL);
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

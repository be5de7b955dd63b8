package dev.dapple.maintenance;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;

/** Runs {@link DrillEvents} on the leader every 10 s. Not in tests, which call the pass with their own clock. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class DrillJob {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final LeaderJob job;

    public DrillJob(DrillEvents events, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("drills", "Drills: cannot record drill events", INTERVAL, lease, () -> {
            events.pass(clock.instant());
            return INTERVAL;
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

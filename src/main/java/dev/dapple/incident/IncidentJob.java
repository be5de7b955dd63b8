package dev.dapple.incident;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the {@link IncidentEvaluator} on the leader every 5 s, and again shortly while it is catching up. Not in
 * tests, which drive the evaluator with their own clock instead of racing a background loop.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class IncidentJob {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200);

    private final LeaderJob job;

    public IncidentJob(IncidentEvaluator evaluator, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("incidents", "Incidents: cannot evaluate", INTERVAL, lease,
                () -> evaluator.pass(clock.instant()).behind() ? CATCH_UP_PAUSE : INTERVAL);
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

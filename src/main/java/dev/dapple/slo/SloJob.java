package dev.dapple.slo;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;

/**
 * Runs the {@link SloEvaluator} on the leader every {@code dapple.slo.evaluation-interval}. Not in tests, which
 * drive the evaluator with their own clock instead of racing a background loop.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class SloJob {

    private final LeaderJob job;

    public SloJob(SloEvaluator evaluator, SloConfiguration config, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("slo", "SLO: cannot evaluate", config.evaluationInterval(), lease, () -> {
            evaluator.pass(clock.instant());
            return config.evaluationInterval();
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

package dev.dapple.alert;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;

/**
 * Starts a {@link Dispatcher} pass on the leader every {@code dapple.alert.delivery.interval}; messages left pending by
 * a stopped server go out on the first pass after start. Not in tests, which call the dispatcher with their own times.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class AlertJob {

    private final LeaderJob job;

    public AlertJob(Dispatcher dispatcher, AlertDeliveryConfiguration config, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("alerts", "Alerts: cannot deliver", config.interval(), lease, () -> {
            // Not waiting for the pass's work: a channel slow to answer must not delay the next pass of the others.
            // The dispatcher logs a channel's failure itself, once until the channel works again.
            dispatcher.start(clock.instant());
            return config.interval();
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

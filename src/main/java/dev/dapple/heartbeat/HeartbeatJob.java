package dev.dapple.heartbeat;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;

/**
 * Pings the heartbeat on the leader every {@code dapple.heartbeat.interval}; only when {@code dapple.heartbeat.url}
 * is set. Only the leader pings: it is the server that evaluates and pages, so its silence is what matters.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
@Requires(property = HeartbeatConfiguration.URL_KEY)
public class HeartbeatJob {

    private final LeaderJob job;

    public HeartbeatJob(Heartbeat heartbeat, HeartbeatConfiguration config, LeaderLease lease) {
        this.job = new LeaderJob("heartbeat", "Heartbeat: cannot ping", config.interval(), lease, () -> {
            heartbeat.ping();
            return config.interval();
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

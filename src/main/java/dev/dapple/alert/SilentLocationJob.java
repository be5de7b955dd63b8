package dev.dapple.alert;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import dev.dapple.probe.remote.ProbeTimings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;

/** Runs {@link SilentLocationNotices} on the leader every heartbeat interval. Not in tests or the CLI. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class SilentLocationJob {

    private final LeaderJob job;

    public SilentLocationJob(SilentLocationNotices notices, ProbeTimings timings, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("silent-locations", "Silent locations: cannot check", timings.heartbeatInterval(),
                lease, () -> {
                    notices.pass(clock.instant());
                    return timings.heartbeatInterval();
                });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

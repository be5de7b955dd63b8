package dev.dapple.alert;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import dev.dapple.probe.agent.AgentSettings;
import dev.dapple.probe.remote.ProbeTimings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;

/** Runs {@link SilentLocationNotices} on the leader every heartbeat interval. Not in tests or the CLI. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class SilentLocationJob {

    private final LeaderJob job;

    public SilentLocationJob(SilentLocationNotices notices, ProbeTimings timings, LeaderLease lease, Clock clock) {
        // After this server starts, probes that were cut off from it come back only at their next retry (backoff up
        // to a minute): judging them before that would announce every location silent after each restart.
        Instant judgeFrom = clock.instant().plus(timings.heartbeatExpiry()).plus(AgentSettings.MAX_BACKOFF);
        this.job = new LeaderJob("silent-locations", "Silent locations: cannot check", timings.heartbeatInterval(),
                lease, () -> {
                    Instant now = clock.instant();
                    if (!now.isBefore(judgeFrom)) {
                        notices.pass(now);
                    }
                    return timings.heartbeatInterval();
                });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

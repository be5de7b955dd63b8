package dev.dapple.retention;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Retention} on the leader every minute. Not in tests, which call it with their own clock. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class RetentionJob {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final LeaderJob job;

    public RetentionJob(Retention retention, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("retention", "Retention: cannot delete old rows", INTERVAL, lease, () -> {
            Map<String, Long> deleted = retention.enforce(clock.instant());
            if (!deleted.isEmpty()) {
                LOG.info("Retention: deleted {}", deleted);
            }
            return INTERVAL;
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

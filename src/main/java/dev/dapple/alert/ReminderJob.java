package dev.dapple.alert;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;

/** Runs {@link Reminders} on the leader every 30 s (a reminder is due at most that late). Not in tests or the CLI. */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class ReminderJob {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final LeaderJob job;

    public ReminderJob(Reminders reminders, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("reminders", "Reminders: cannot send", INTERVAL, lease, () -> {
            reminders.pass(clock.instant());
            return INTERVAL;
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

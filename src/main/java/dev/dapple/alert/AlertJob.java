package dev.dapple.alert;

import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a {@link Dispatcher} pass on the leader every {@code dapple.alert.delivery.interval}; messages left pending by
 * a stopped server go out on the first pass after start. Not in tests, which call the dispatcher with their own times.
 */
@Context
@Requires(notEnv = {Environment.CLI, Environment.TEST})
public class AlertJob {

    private final LeaderJob job;
    /** The first failure of a pass's channel work since the last pass, reported (and logged) by the next. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public AlertJob(Dispatcher dispatcher, AlertDeliveryConfiguration config, LeaderLease lease, Clock clock) {
        this.job = new LeaderJob("alerts", "Alerts: cannot deliver", config.interval(), lease, () -> {
            // Not waiting for the pass's work: a channel slow to answer must not delay the next pass of the others.
            dispatcher.start(clock.instant()).whenComplete((done, error) -> {
                Throwable cause = error;
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause != null) {
                    failure.compareAndSet(null, cause);
                }
            });
            Throwable failed = failure.getAndSet(null);
            if (failed instanceof Exception e) {
                throw e;
            }
            if (failed != null) {
                throw new IllegalStateException(failed);
            }
            return config.interval();
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}

package dev.dapple.probe;

import static dev.dapple.config.RawConfig.convert;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The probe scheduler's settings ({@code dapple.probe.*}). Eager on the server so a bad value stops the start.
 *
 * @param maxConcurrentRuns runs in progress at once on this probe; a run that cannot start before its journey's next
 *                          planned time is reported as missed
 * @param shutdownGrace     how long closing the probe waits for runs in progress
 */
@Context
@Requires(notEnv = Environment.CLI)
@ConfigurationProperties("dapple.probe")
public record ProbeSchedulerConfiguration(int maxConcurrentRuns, Duration shutdownGrace) {

    public static final String MAX_CONCURRENT_RUNS_KEY = "dapple.probe.max-concurrent-runs";
    public static final String SHUTDOWN_GRACE_KEY = "dapple.probe.shutdown-grace";
    public static final ProbeSchedulerConfiguration DEFAULTS = new ProbeSchedulerConfiguration(200, Duration.ofSeconds(10));

    public ProbeSchedulerConfiguration {
        if (maxConcurrentRuns < 1) {
            throw new IllegalArgumentException(MAX_CONCURRENT_RUNS_KEY + " must be at least 1, not " + maxConcurrentRuns);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException(SHUTDOWN_GRACE_KEY + " must be a duration of 0 or more (like 10s), not "
                    + shutdownGrace);
        }
    }

    /**
     * Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read.
     * Public for the remote probe agent, a CLI command, where this bean is not created.
     */
    @ConfigurationInject
    public ProbeSchedulerConfiguration(@Nullable String maxConcurrentRuns, @Nullable String shutdownGrace) {
        this(convert(MAX_CONCURRENT_RUNS_KEY, maxConcurrentRuns, Integer.class, DEFAULTS.maxConcurrentRuns(),
                        "a whole number like 200"),
                convert(SHUTDOWN_GRACE_KEY, shutdownGrace, Duration.class, DEFAULTS.shutdownGrace(), "a duration like 10s"));
    }

}

package dev.dapple.retention;

import dev.dapple.config.RawConfig;
import dev.dapple.journey.DurationParser;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How long the leader keeps what it stores ({@code dapple.retention.*}); older rows are deleted.
 *
 * @param runs          raw runs with their step results, by planned time
 * @param minuteRollups minute rollups; hours are merged from them, so they must outlive an hour and its grace
 * @param hourRollups   hour rollups; days are merged from them
 * @param dayRollups    day rollups: the longest window a latency query can answer
 * @param incidents     resolved incidents (by start) and state changes (by when they were recorded)
 * @param maintenance   maintenance windows and drills after they ended (or were deleted), drills by start, and
 *                      annotations after their end
 * @param sentAlerts    alert messages sent, or dropped as moot, by when that happened
 * @param deadAlerts    alert messages given up (dead letters), by when they died: long enough to notice and replay
 * @param silentProbes  probes not heard of for this long are forgotten (renamed agents, recreated containers)
 */
@ConfigurationProperties(RetentionConfiguration.PREFIX)
public record RetentionConfiguration(Duration runs, Duration minuteRollups, Duration hourRollups, Duration dayRollups,
                                     Duration incidents, Duration maintenance, Duration sentAlerts,
                                     Duration deadAlerts, Duration silentProbes) {

    static final String PREFIX = "dapple.retention";

    public RetentionConfiguration {
        atLeast("runs", runs, Duration.ofHours(1));
        atLeast("minute-rollups", minuteRollups, Duration.ofHours(3));
        atLeast("hour-rollups", hourRollups, Duration.ofDays(2));
        atLeast("day-rollups", dayRollups, Duration.ofDays(1));
        atLeast("incidents", incidents, Duration.ofDays(1));
        atLeast("maintenance", maintenance, Duration.ofDays(1));
        atLeast("sent-alerts", sentAlerts, Duration.ofDays(1));
        atLeast("dead-alerts", deadAlerts, Duration.ofDays(1));
        atLeast("silent-probes", silentProbes, Duration.ofDays(1));
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    RetentionConfiguration(@Nullable String runs, @Nullable String minuteRollups, @Nullable String hourRollups,
                           @Nullable String dayRollups, @Nullable String incidents, @Nullable String maintenance,
                           @Nullable String sentAlerts, @Nullable String deadAlerts, @Nullable String silentProbes) {
        this(duration("runs", runs, Duration.ofDays(14)), duration("minute-rollups", minuteRollups, Duration.ofDays(3)),
                duration("hour-rollups", hourRollups, Duration.ofDays(40)),
                duration("day-rollups", dayRollups, Duration.ofDays(400)),
                duration("incidents", incidents, Duration.ofDays(400)),
                duration("maintenance", maintenance, Duration.ofDays(400)),
                duration("sent-alerts", sentAlerts, Duration.ofDays(7)),
                duration("dead-alerts", deadAlerts, Duration.ofDays(30)),
                duration("silent-probes", silentProbes, Duration.ofDays(7)));
    }

    private static Duration duration(String name, @Nullable String value, Duration fallback) {
        return RawConfig.convert(PREFIX + "." + name, value, Duration.class, fallback, "a duration like 14d or 36h");
    }

    private static void atLeast(String name, Duration value, Duration minimum) {
        if (value == null || value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be at least "
                    + DurationParser.format(minimum) + ", not "
                    + (value == null ? "unset" : DurationParser.format(value)));
        }
    }
}

package dev.dapple.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;

/** {@link RecoveryStats} in the API, durations in seconds (null where there is nothing to average). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // null where there is nothing to average, rather than left out
public record RecoveryStatsView(String journey, Instant from, Instant to, int incidents, int resolved,
                                @Nullable Long mttrSeconds, @Nullable Long mtbfSeconds,
                                @Nullable Long longestRecoverySeconds, int breaches, long downtimeSeconds) {

    public static RecoveryStatsView of(String journey, RecoveryStats stats) {
        return new RecoveryStatsView(journey, stats.from(), stats.to(), stats.incidents(), stats.resolved(),
                seconds(stats.mttr()), seconds(stats.mtbf()), seconds(stats.longestRecovery()), stats.breaches(),
                stats.downtime().toSeconds());
    }

    private static @Nullable Long seconds(@Nullable Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}

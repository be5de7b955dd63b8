package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A value built at most once per {@code maxAge}: for a public page anyone may request as often as they like (the
 * status page's 90-day aggregate), so visitors cannot load the database. Two requests that both find it stale may
 * both build it; the last one kept wins, which is harmless.
 */
final class Reused<T> {

    interface Source<T> {
        T build() throws SQLException;
    }

    private record Built<T>(Instant at, T value) {
    }

    private final Source<T> source;
    private final Duration maxAge;
    private final Clock clock;
    private volatile @Nullable Built<T> last;

    Reused(Source<T> source, Duration maxAge, Clock clock) {
        this.source = source;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    T get() throws SQLException {
        Instant now = clock.instant();
        Built<T> built = last;
        if (built == null || !now.isBefore(built.at().plus(maxAge)) || now.isBefore(built.at())) {
            built = new Built<>(now, source.build());
            last = built;
        }
        return built.value();
    }
}

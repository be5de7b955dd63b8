package dev.dapple.probe.remote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A stored probe token as {@code dapple token list} shows it: never the token, which only its creator saw. */
@Serdeable
public record ProbeToken(long id, String location, Instant createdAt, @Nullable Instant revokedAt,
                         @Nullable String label) {

    public boolean revoked() {
        return revokedAt != null;
    }
}

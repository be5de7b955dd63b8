package dev.dapple.alert;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** {@code dapple.public-url}: where people reach this Dapple, for the links in alerts. */
@Singleton
public final class PublicUrl {

    private final String base;

    PublicUrl(@Value("${dapple.public-url:`http://localhost:8080`}") String base) {
        this.base = base.strip().replaceAll("/+$", "");
    }

    /** {@code path} (starting with /) under the public URL. */
    public String of(String path) {
        return base + path;
    }
}

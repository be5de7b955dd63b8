package dev.dapple.probe.http;

import java.util.Objects;

/** One HTTP header line; a name may appear several times in a list, in the order given. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("header name must not be blank");
        }
    }
}

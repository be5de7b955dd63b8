package dev.dapple.probe;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/** Replaces every secret value a run resolved with {@code ••••} in whatever the run reports. */
final class SecretMask {

    static final String MASK = "••••";

    private final Set<String> secrets = new LinkedHashSet<>();

    void add(String value) {
        // An empty value would match everywhere; it hides nothing anyway.
        if (!value.isEmpty()) {
            secrets.add(value);
        }
    }

    String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        // Longest first, so a secret that contains another is masked whole.
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}

package dev.dapple.probe.remote;

import dev.dapple.secret.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Probe tokens from the configuration: {@code dapple.probe.tokens.<location>: secret:NAME} binds the secret NAME
 * (a file in the secrets dir, or the environment variable) to a location, for deployments that hand tokens out
 * themselves. Only a secret reference is accepted, so no token sits in a config file. Eager: a missing or blank
 * secret, a bad location or one token for two locations stops the start.
 */
@Context
@Requires(notEnv = Environment.CLI)
public final class ConfiguredProbeTokens {

    static final String KEY = "dapple.probe.tokens";
    private static final String SECRET = "secret:";

    private final Map<String, byte[]> hashes; // by location: the SHA-256 of its token

    public ConfiguredProbeTokens(Environment environment, Secrets secrets) {
        var hashes = new TreeMap<String, byte[]>();
        Map<String, Object> entries = environment.getProperties(KEY, StringConvention.RAW);
        for (var entry : new TreeMap<>(entries).entrySet()) { // sorted: messages name locations in order
            String location = entry.getKey();
            String key = KEY + "." + location;
            try {
                ProbeTokens.checkLocation(location);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
            String value = String.valueOf(entry.getValue()).strip();
            if (!value.startsWith(SECRET) || value.length() == SECRET.length()) {
                throw new IllegalArgumentException(key + " must name a secret, like 'secret:PROBE_TOKEN_"
                        + location.toUpperCase(Locale.ROOT).replace('-', '_') + "', not a token itself");
            }
            String name = value.substring(SECRET.length()).strip();
            String token = secrets.get(name).orElseThrow(() -> new IllegalArgumentException(key + " names the secret "
                    + name + ", which is not set (neither a file in the secrets dir nor an environment variable)"));
            if (token.isBlank()) {
                throw new IllegalArgumentException(key + " names the secret " + name + ", which is blank: put the"
                        + " location's token in it");
            }
            byte[] hash = hash(token);
            for (var other : hashes.entrySet()) {
                if (MessageDigest.isEqual(other.getValue(), hash)) {
                    // One token for two locations would let each probe report as the other: a token is one location's.
                    throw new IllegalArgumentException(KEY + "." + other.getKey() + " and " + key + " hold the same"
                            + " token: give every location its own secret");
                }
            }
            hashes.put(location, hash);
        }
        this.hashes = Map.copyOf(hashes);
    }

    /** The location a configured token is bound to; compared in constant time, as the tokens are few. */
    public Optional<String> location(String token) {
        byte[] candidate = hash(token);
        String found = null;
        for (var entry : hashes.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), candidate)) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The locations with a configured token. */
    public Set<String> locations() {
        return hashes.keySet();
    }

    private static byte[] hash(String token) {
        return HexFormat.of().parseHex(ProbeTokens.hash(token));
    }
}

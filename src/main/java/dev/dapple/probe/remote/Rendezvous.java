package dev.dapple.probe.remote;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rendezvous (highest random weight) hashing: each journey goes to the probe with the highest
 * {@code hash(journey + "\n" + probeKey)} among its location's live probes. Every server computes the same owner from
 * the same set of probes, without talking to the others; when a probe leaves, only its own journeys move, and when one
 * joins it takes about its fair share from each of the others.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** A probe's key: names are unique only within a location. */
    public static String key(String location, String probe) {
        return location + "/" + probe;
    }

    /** The probe (by key) that runs {@code journey}; empty when no probe is live. */
    public static Optional<String> owner(String journey, Collection<String> probeKeys) {
        // Ties (a 64-bit collision) go to the larger key, so every server still agrees.
        return probeKeys.stream().max(Comparator.<String>comparingLong(k -> weight(journey, k))
                .thenComparing(Comparator.naturalOrder()));
    }

    /** The journeys {@code probeKey} runs out of {@code journeys}, in their order. */
    public static List<String> share(Collection<String> journeys, String probeKey, Collection<String> probeKeys) {
        return journeys.stream().filter(j -> owner(j, probeKeys).filter(probeKey::equals).isPresent()).toList();
    }

    /** The first 64 bits of SHA-256, compared unsigned (shifted so {@code long} order is unsigned order). */
    static long weight(String journey, String probeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((journey + "\n" + probeKey).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong() ^ Long.MIN_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

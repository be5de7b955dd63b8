package dev.dapple.probe.http;

import io.micronaut.core.annotation.Nullable;

/**
 * Where the time of one exchange went, in microseconds, measured on the client's Netty event loop.
 * Phases are durations of their own (not cumulative); a phase that was not measured is null, never guessed.
 * Over a redirect chain every field is the sum over the hops.
 *
 * @param totalMicros     connect start (or request write on a reused connection) until the last response byte
 * @param dnsMicros       host name resolution; null for IP literals and reused connections
 * @param connectMicros   TCP connect; null on a reused connection
 * @param tlsMicros       TLS handshake; null for plain HTTP and reused connections
 * @param firstByteMicros request written until the response head arrived (server time plus one round trip)
 */
public record Timings(long totalMicros, @Nullable Long dnsMicros, @Nullable Long connectMicros,
                      @Nullable Long tlsMicros, @Nullable Long firstByteMicros) {

    public static final Timings NONE = new Timings(0, null, null, null, null);

    /** The same phases with another total, e.g. the sum over a step's retried attempts. */
    public Timings withTotal(long total) {
        return new Timings(total, dnsMicros, connectMicros, tlsMicros, firstByteMicros);
    }

    /** The timings of two hops of one redirect chain, one after the other. */
    public Timings plus(Timings next) {
        return new Timings(totalMicros + next.totalMicros, add(dnsMicros, next.dnsMicros),
                add(connectMicros, next.connectMicros), add(tlsMicros, next.tlsMicros),
                add(firstByteMicros, next.firstByteMicros));
    }

    private static @Nullable Long add(@Nullable Long a, @Nullable Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}

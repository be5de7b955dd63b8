package dev.dapple.probe.http;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The event-loop timestamps of one request (one hop), written by {@link ExchangeTap} and read by the exchanger
 * once the exchange is over. Times are {@link System#nanoTime()} values; 0 means "did not happen".
 */
final class ExchangeRecorder {

    final String id;
    final long maxBodyBytes;
    final boolean head;
    /** The caller set no Content-Type, so the one the client adds for a body is taken out again. */
    final boolean stripContentType;

    private volatile @Nullable ConnectionTimer connection;
    private volatile boolean newConnection;
    private volatile long writeNanos;
    private volatile long firstByteNanos;
    private volatile long lastByteNanos;
    private volatile @Nullable String bodyTooLarge;
    private long bodyBytes; // event loop only

    ExchangeRecorder(String id, long maxBodyBytes, boolean head, boolean stripContentType) {
        this.id = id;
        this.maxBodyBytes = maxBodyBytes;
        this.head = head;
        this.stripContentType = stripContentType;
    }

    void requestWritten(ConnectionTimer timer, boolean firstOnConnection, long now) {
        connection = timer;
        newConnection = firstOnConnection;
        writeNanos = now;
    }

    void headReceived(long now) {
        if (firstByteNanos == 0) {
            firstByteNanos = now;
        }
    }

    /** Counts body bytes; false once the cap is passed. */
    boolean addBody(int bytes) {
        bodyBytes += bytes;
        return bodyBytes <= maxBodyBytes;
    }

    void lastByte(long now) {
        lastByteNanos = now;
    }

    void bodyTooLarge(String message) {
        bodyTooLarge = message;
    }

    @Nullable String bodyTooLarge() {
        return bodyTooLarge;
    }

    boolean complete() {
        return lastByteNanos != 0;
    }

    boolean newConnection() {
        return newConnection;
    }

    @Nullable ConnectionTimer connection() {
        return connection;
    }

    @Nullable Instant peerNotAfter() {
        ConnectionTimer c = connection;
        return c == null ? null : c.peerNotAfter();
    }

    /**
     * The phases measured so far. A complete exchange runs from the connect (new connection) or the request write
     * (reused one) to its last byte; one cut short (timeout, error) runs from {@code fallbackStart}, when the caller
     * asked, until {@code nowNanos}, since it never reached a last byte.
     */
    Timings timings(long fallbackStart, long nowNanos) {
        ConnectionTimer c = connection;
        Long firstByte = firstByteNanos != 0 && writeNanos != 0 ? micros(firstByteNanos - writeNanos) : null;
        boolean fresh = c != null && newConnection;
        Long dns = fresh ? c.dnsMicros() : null;
        Long connect = fresh ? c.connectMicros() : null;
        Long tls = fresh ? c.tlsMicros() : null;
        long total;
        if (lastByteNanos == 0 || c == null) {
            total = micros(nowNanos - fallbackStart);
        } else {
            total = micros(lastByteNanos - (fresh ? c.startNanos : writeNanos));
        }
        return new Timings(total, dns, connect, tls, firstByte);
    }

    static long micros(long nanos) {
        return Math.max(0, nanos / 1_000);
    }
}

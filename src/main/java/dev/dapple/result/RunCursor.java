package dev.dapple.result;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of runs ended: the last run's planned time and id, the sort key of {@link RunReader#page}. Clients
 * see it as an opaque base64url string (format byte, planned time in epoch microseconds, id: 25 bytes).
 */
public record RunCursor(Instant plannedAt, UUID id) {

    private static final int FORMAT = 1;
    private static final int LENGTH = 1 + 8 + 16;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
        bytes.put((byte) FORMAT);
        bytes.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, plannedAt));
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The cursor a page returned; anything else is an {@link IllegalArgumentException} that says so. */
    public static RunCursor decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(text);
        }
        if (bytes.length != LENGTH || bytes[0] != FORMAT) {
            throw malformed(text);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        Instant plannedAt = Instant.EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS); // at most ±292,000 years
        if (plannedAt.isBefore(EARLIEST) || plannedAt.isAfter(LATEST)) {
            throw malformed(text); // no run was planned then, and a database may not take the year
        }
        return new RunCursor(plannedAt, new UUID(buffer.getLong(), buffer.getLong()));
    }

    private static IllegalArgumentException malformed(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new IllegalArgumentException("malformed cursor '" + shown + "': pass the 'next' value of the previous"
                + " page unchanged");
    }
}

package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunCursorTest {

    @Test
    void aCursorRoundTripsAsAShortUrlSafeString() {
        var cursor = new RunCursor(Instant.parse("2026-11-23T10:00:00.123456Z"), UUID.randomUUID());
        String text = cursor.encode();
        assertTrue(text.matches("[A-Za-z0-9_-]{34}"), text);
        assertEquals(cursor, RunCursor.decode(text));
    }

    @Test
    void anythingElseIsAMalformedCursor() {
        String tooLong = "A".repeat(200);
        for (String bad : new String[] {"", "%%%", "AAAA", withFormat(2), tooLong, farFuture()}) {
            var error = assertThrows(IllegalArgumentException.class, () -> RunCursor.decode(bad));
            assertTrue(error.getMessage().startsWith("malformed cursor '"), error.getMessage());
            assertTrue(error.getMessage().length() < 200, "a long cursor is shortened in the message");
        }
    }

    /** A cursor of the right length with another format byte. */
    static String withFormat(int format) {
        byte[] bytes = Base64.getUrlDecoder().decode(new RunCursor(Instant.EPOCH, new UUID(1, 2)).encode());
        bytes[0] = (byte) format;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String farFuture() {
        ByteBuffer bytes = ByteBuffer.allocate(25).put((byte) 1).putLong(Long.MAX_VALUE).putLong(1).putLong(2);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}

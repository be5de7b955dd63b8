package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dapple.catalog.ScanListener;
import dev.dapple.journey.JourneyError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An invalid-file notice's keys fit the outbox's 400-character columns whatever the path's length. */
class InvalidFileNoticeKeysTest {

    private static final String HASH = "a".repeat(64);

    @Test
    void theDedupKeyIsAHashOfThePathAndTheContentHash() {
        String path = "journeys/" + "deep/".repeat(100) + "checkout.yaml";
        String key = InvalidFileNotices.dedupKey(file(path, HASH));
        assertEquals("invalid-file-".length() + 64, key.length());
        assertEquals(key, InvalidFileNotices.dedupKey(file(path, HASH)), "the same version: the same key");
        assertNotEquals(key, InvalidFileNotices.dedupKey(file(path, "b".repeat(64))));
        assertNotEquals(key, InvalidFileNotices.dedupKey(file("journeys/search.yaml", HASH)));
    }

    @Test
    void theAlertKeyIsCutTo400Characters() {
        var content = new AlertContent(new PublicUrl("https://dapple.example.com"));
        String path = "journeys/" + "x".repeat(500) + ".yaml";
        Alert alert = content.invalidFile(path, "1:1: missing required key 'interval'", Instant.EPOCH);
        assertEquals(("journey-file/" + path).substring(0, 400), alert.key());
        assertEquals("journey-file/journeys/search.yaml",
                content.invalidFile("journeys/search.yaml", "1:1: x", Instant.EPOCH).key());
    }

    private static ScanListener.InvalidFile file(String path, String hash) {
        return new ScanListener.InvalidFile(path, hash, new JourneyError(path, 1, 1, "missing required key 'interval'"));
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dapple.catalog.ScanListener;
import dev.dapple.journey.JourneyError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Alert and dedup keys fit the outbox's 400-character columns whatever the names' lengths. */
class AlertKeysTest {

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

    @Test
    void aBurnKeyIsPerFiringAndFitsWhateverTheSubjectsLength() {
        Instant fired = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals("checkout/availability/page-1h@1796119200",
                AlertContent.burnKey("checkout/availability/page-1h", fired));
        String subject = "j".repeat(100) + "/" + "o".repeat(300) + "/page-1h";
        String key = AlertContent.burnKey(subject, fired);
        assertEquals(390, key.length(), "379 characters of the subject, '@' and ten digits");
        assertEquals(subject.substring(0, 379) + "@1796119200", key);
        assertEquals(398, AlertContent.burnKey(subject, Instant.MIN).length(), "the longest epoch second fits too");
    }

    private static ScanListener.InvalidFile file(String path, String hash) {
        return new ScanListener.InvalidFile(path, hash, new JourneyError(path, 1, 1, "missing required key 'interval'"));
    }
}

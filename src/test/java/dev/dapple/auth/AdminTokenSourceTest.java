package dev.dapple.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.DataDirectory;
import dev.dapple.secret.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenSourceTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path secretsDir;

    @Test
    void aGeneratedTokenIsReusedOnTheNextStart() throws IOException {
        var first = new AdminToken(new Secrets(secretsDir.toString()), new DataDirectory(dataDir.toString()));
        String token = Files.readString(dataDir.resolve("admin.token")).strip();
        var second = new AdminToken(new Secrets(secretsDir.toString()), new DataDirectory(dataDir.toString()));

        assertTrue(first.matches(token));
        assertTrue(second.matches(token), "a restart keeps the token");
        assertEquals(dataDir.resolve("admin.token").toString(), second.source());
    }

    @Test
    void aSecretFileWinsAndNothingIsWrittenToTheDataDir() throws IOException {
        Files.writeString(secretsDir.resolve("DAPPLE_ADMIN_TOKEN"), "from-secret\n");
        var token = new AdminToken(new Secrets(secretsDir.toString()), new DataDirectory(dataDir.toString()));

        assertTrue(token.matches("from-secret"));
        assertFalse(token.matches("from-secret\n"));
        assertFalse(token.matches(null));
        assertEquals("DAPPLE_ADMIN_TOKEN", token.source());
        assertFalse(Files.exists(dataDir.resolve("admin.token")));
    }

    @Test
    void theSessionCookieValueIsNotTheToken() throws IOException {
        Files.writeString(secretsDir.resolve("DAPPLE_ADMIN_TOKEN"), "from-secret");
        var token = new AdminToken(new Secrets(secretsDir.toString()), new DataDirectory(dataDir.toString()));
        assertFalse(token.sessionValue().contains("from-secret"));
        assertTrue(token.matchesSession(token.sessionValue()));
        assertFalse(token.matchesSession("from-secret"));
    }
}

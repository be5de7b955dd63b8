package dev.dapple.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void aFileInTheSecretsDirWinsOverTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("SHOP_PASSWORD"), "from-file\n");
        var secrets = new Secrets(dir, Map.of("SHOP_PASSWORD", "from-env", "OTHER", "env-only"));
        assertEquals(Optional.of("from-file"), secrets.get("SHOP_PASSWORD"));
        assertEquals(Optional.of("env-only"), secrets.get("OTHER"));
        assertEquals(Optional.empty(), secrets.get("MISSING"));
    }

    @Test
    void aNameCannotEscapeTheSecretsDir() throws IOException {
        Files.writeString(dir.resolveSibling("outside-" + dir.getFileName()), "nope");
        var secrets = new Secrets(dir, Map.of());
        assertEquals(Optional.empty(), secrets.get("../outside-" + dir.getFileName()));
    }

    @Test
    void anEmptyEnvironmentValueCountsAsUnset() {
        assertEquals(Optional.empty(), new Secrets(null, Map.of("EMPTY", "")).get("EMPTY"));
    }
}

package dev.dapple.probe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.secret.Secrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens bound to locations in the configuration: a token is one location's, and never blank. */
class ConfiguredProbeTokensTest {

    @TempDir
    Path secrets;

    private ConfiguredProbeTokens tokens(Map<String, Object> properties) {
        Environment environment = ApplicationContext.builder().deduceEnvironment(false).properties(properties)
                .build().getEnvironment();
        environment.start();
        try {
            return new ConfiguredProbeTokens(environment, new Secrets(secrets.toString()));
        } finally {
            environment.stop();
        }
    }

    @Test
    void eachLocationGetsItsOwnToken() throws IOException {
        Files.writeString(secrets.resolve("EU"), "eu-token\n");
        Files.writeString(secrets.resolve("US"), "us-token\n");
        var tokens = tokens(Map.of("dapple.probe.tokens.eu-west", "secret:EU", "dapple.probe.tokens.us-east", "secret:US"));
        assertEquals(Set.of("eu-west", "us-east"), tokens.locations());
        assertEquals(Optional.of("us-east"), tokens.location("us-token"));
    }

    @Test
    void oneTokenForTwoLocationsStopsTheStart() throws IOException {
        Files.writeString(secrets.resolve("EU"), "shared-token\n");
        Files.writeString(secrets.resolve("US"), "shared-token");
        var e = assertThrows(IllegalArgumentException.class, () -> tokens(Map.of(
                "dapple.probe.tokens.eu-west", "secret:EU", "dapple.probe.tokens.us-east", "secret:US")));
        assertEquals("dapple.probe.tokens.eu-west and dapple.probe.tokens.us-east hold the same token: give every"
                + " location its own secret", e.getMessage());
    }

    @Test
    void aBlankSecretStopsTheStart() throws IOException {
        Files.writeString(secrets.resolve("EU"), "  \n");
        var e = assertThrows(IllegalArgumentException.class, () -> tokens(Map.of(
                "dapple.probe.tokens.eu-west", "secret:EU")));
        assertEquals("dapple.probe.tokens.eu-west names the secret EU, which is blank: put the location's token in it",
                e.getMessage());
    }
}

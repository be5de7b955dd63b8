package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Compares a sent body with an expected file in {@code src/test/resources/alert/} as JSON trees. */
final class ChannelJson {

    private ChannelJson() {
    }

    static void assertJson(String resource, String actual) {
        String expected = read(resource);
        assertEquals(tree(expected), tree(actual), () -> resource + " differs; sent:\n" + actual);
    }

    static JsonNode tree(String text) {
        try {
            return AlertFixtures.JSON.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static String read(String resource) {
        try (InputStream in = ChannelJson.class.getResourceAsStream("/alert/" + resource)) {
            if (in == null) {
                throw new AssertionError("no resource alert/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema editors use agrees with the parser: same keys at every level, and every valid journey conforms. */
class JourneySchemaTest {

    static Stream<Path> validJourneys() throws IOException {
        try (Stream<Path> real = Files.walk(Path.of("journeys")); Stream<Path> corpus = Files.walk(ValidJourneysTest.DIR)) {
            return Stream.concat(real, corpus).filter(JourneyLoader::isJourneyFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validJourneys")
    void everyValidJourneyConformsToTheSchema(Path file) throws IOException {
        assertEquals(List.of(), JourneySchema.violations(file));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unknown-keys.yaml", "wrong-types.yaml", "missing-required.yaml", "two-methods.yaml",
            "two-bodies.yaml", "bad-durations.yaml", "empty-steps.yaml", "bad-retries.yaml", "slo-no-objective.yaml"})
    void theSchemaAlsoRejectsShapeErrors(String name) throws IOException {
        assertFalse(JourneySchema.violations(InvalidJourneysTest.DIR.resolve(name)).isEmpty());
    }

    @Test
    void theSchemaKnowsExactlyTheKeysTheParserKnows() throws IOException {
        JsonNode schema = JourneySchema.tree();
        JsonNode defs = schema.get("$defs");
        assertEquals(keys(JourneyKeys.JOURNEY), keys(schema));
        assertEquals(keys(JourneyKeys.STEP), keys(defs.get("step")));
        assertEquals(keys(JourneyKeys.TLS), keys(defs.get("step").get("properties").get("tls")));
        assertEquals(keys(JourneyKeys.SLO), keys(defs.get("slo")));
        assertEquals(keys(JourneyKeys.LATENCY), keys(defs.get("latency")));
        assertEquals(keys(JourneyKeys.ALERT), keys(defs.get("alert")));
    }

    private static Set<String> keys(List<String> keys) {
        return new TreeSet<>(keys);
    }

    private static Set<String> keys(JsonNode object) {
        assertEquals(false, object.get("additionalProperties").asBoolean(), "unknown keys are refused");
        var names = new TreeSet<String>();
        object.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}

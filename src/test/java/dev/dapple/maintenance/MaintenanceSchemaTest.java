package dev.dapple.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** journeys/maintenance.schema.json agrees with the parser: same keys, valid fixtures conform, shape errors do not. */
class MaintenanceSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path FILE = Path.of("journeys/maintenance.schema.json");

    static JsonNode tree() throws IOException {
        return JSON.readTree(FILE.toFile());
    }

    static List<String> violations(Path yamlFile) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree());
        JsonNode document = JSON.valueToTree(new Yaml().load(Files.readString(yamlFile)));
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"valid/full.yaml", "valid/empty-list.yaml"})
    void validFilesConform(String name) throws IOException {
        assertEquals(List.of(), violations(MaintenanceFileParserTest.DIR.resolve(name)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid/unknown-keys.yaml", "invalid/wrong-values.yaml", "invalid/missing.yaml",
            "invalid/not-a-list.yaml"})
    void shapeErrorsAreRejected(String name) throws IOException {
        assertFalse(violations(MaintenanceFileParserTest.DIR.resolve(name)).isEmpty());
    }

    @Test
    void theSchemaKnowsExactlyTheKeysTheParserKnows() throws IOException {
        JsonNode schema = tree();
        assertEquals(new TreeSet<>(MaintenanceKeys.FILE), keys(schema));
        assertEquals(new TreeSet<>(MaintenanceKeys.WINDOW), keys(schema.get("$defs").get("window")));
        assertEquals(new TreeSet<>(MaintenanceKeys.WEEKLY), keys(schema.get("$defs").get("weekly")));
    }

    private static Set<String> keys(JsonNode object) {
        assertEquals(false, object.get("additionalProperties").asBoolean(), "unknown keys are refused");
        var names = new TreeSet<String>();
        object.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}

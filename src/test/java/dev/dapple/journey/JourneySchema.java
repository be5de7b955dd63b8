package dev.dapple.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.Yaml;

/** journeys/journey.schema.json, checked with a real JSON Schema validator (networknt). */
final class JourneySchema {

    static final Path FILE = Path.of("journeys/journey.schema.json");
    static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonSchema SCHEMA = load();

    private JourneySchema() {
    }

    private static JsonSchema load() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree() throws IOException {
        return JSON.readTree(FILE.toFile());
    }

    /** The schema's complaints about a YAML document, empty when it conforms. */
    static List<String> violations(String yaml) {
        JsonNode document = JSON.valueToTree(new Yaml().load(yaml));
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    static List<String> violations(Path file) throws IOException {
        return violations(Files.readString(file));
    }
}

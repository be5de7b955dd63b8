package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ```yaml example in journeys/README.md is a complete journey that the parser and the schema accept. */
class JourneyDocsTest {

    private static final Path DOC = Path.of("journeys/README.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^```yaml\\n(.*?)^```", Pattern.DOTALL);

    @Test
    void everyYamlExampleIsAValidJourney(@TempDir Path folder) throws IOException {
        // The examples' tls.ca paths are relative to the journey file: give them a folder where the CA file exists.
        Files.createDirectories(folder.resolve("certs"));
        Files.writeString(folder.resolve("certs/internal-ca.pem"), "placeholder");
        String doc = Files.readString(DOC);
        Matcher m = YAML_BLOCK.matcher(doc);
        var failures = new ArrayList<String>();
        var names = new HashSet<String>();
        int examples = 0;
        while (m.find()) {
            examples++;
            int line = (int) doc.substring(0, m.start()).lines().count() + 2;
            String label = DOC + " (example at line " + line + ")";
            Path source = folder.resolve("example.yaml");
            switch (JourneyParser.parse(label, m.group(1).getBytes(StandardCharsets.UTF_8), source)) {
                case ParseResult.Parsed parsed -> {
                    assertTrue(names.add(parsed.journey().name()), "duplicate example name " + parsed.journey().name());
                    List<String> violations = JourneySchema.violations(m.group(1));
                    if (!violations.isEmpty()) {
                        failures.add(label + ": schema: " + violations);
                    }
                }
                case ParseResult.Invalid(List<JourneyError> errors) -> errors.forEach(e -> failures.add(e.toString()));
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(examples >= 10, "found only " + examples + " examples");
    }
}

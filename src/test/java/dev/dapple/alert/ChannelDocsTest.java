package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.secret.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The configuration example in README's "Alert channels" section is one the server accepts. */
class ChannelDocsTest {

    @TempDir
    Path secretsDir;

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeExampleConfiguresEveryType() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Alert channels");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        Map<String, Object> yaml = new Yaml().load(readme.substring(start, readme.indexOf("```", start)));
        var configured = (Map<String, Map<String, Object>>) ((Map<String, Object>) yaml.get("dapple")).get("channels");

        var raw = new TreeMap<String, Map<String, String>>();
        configured.forEach((name, fields) -> {
            var values = new LinkedHashMap<String, String>();
            fields.forEach((field, value) -> values.put(field, String.valueOf(value)));
            raw.put(name, values);
        });
        for (Map<String, String> fields : raw.values()) {
            for (String value : fields.values()) {
                if (value.startsWith("secret:")) {
                    Files.writeString(secretsDir.resolve(value.substring("secret:".length())),
                            value.contains("WEBHOOK_SECRET") ? WebhookChannelTest.SECRET : "https://example.com/x");
                }
            }
        }
        var channels = new Channels(raw, AlertFixtures.types(), new Secrets(secretsDir.toString()));
        var types = new TreeMap<String, String>();
        channels.all().forEach(channel -> types.put(channel.name(), channel.type().type()));
        assertEquals(Set.of("pagerduty", "opsgenie", "slack", "teams", "alertmanager", "webhook"),
                Set.copyOf(types.values()));
    }
}

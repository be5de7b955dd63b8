package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.cli.DappleCommand;
import dev.dapple.journey.JourneyLoader;
import dev.dapple.journey.Template;
import dev.dapple.journey.TemplatePart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker/compose.yaml as Compose itself reads it ({@code docker-compose config}; no Docker daemon needed): the
 * services it promises, and every variable it gives a Dapple container is one the code reads, so a renamed
 * configuration key cannot silently leave the compose file behind.
 */
class DockerComposeTest {

    static final Path BINARY = Path.of("/usr/bin/docker-compose");
    static final Path COMPOSE = Path.of("docker/compose.yaml");
    static final Path JOURNEYS = Path.of("docker/journeys");
    static final String IMAGE = "dapple:local";
    /** Read from the environment by the code itself rather than through a configuration key. */
    static final Set<String> READ_DIRECTLY = Set.of("DAPPLE_PROBE_TOKEN", "DAPPLE_ADMIN_TOKEN");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)");
    private static final Pattern PROPERTY = Pattern.compile("property\\s*=\\s*\"([a-z][a-z0-9.-]*)\"");
    private static final Pattern KEY_CONSTANT = Pattern.compile("_KEY\\s*=\\s*\"([a-z][a-z0-9.-]*)\"");

    @Test
    @SuppressWarnings("unchecked")
    void composeFileParsesAndGivesDappleOnlyKeysItReads() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            assertNull(System.getenv("CI"), BINARY + " is missing in CI: apt-get install docker-compose (see .ci/run)");
            Assumptions.abort(BINARY + " is not installed (apt-get install docker-compose): the compose file is "
                    + "checked in CI");
        }
        Map<String, Object> config = new Yaml().load(composeConfig());
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) config.get("services");
        assertEquals(Set.of("postgres", "server-a", "server-b", "demo", "probe-eu", "probe-us"), services.keySet());

        Set<String> known = configurationKeys();
        Set<String> journeyVariables = journeyEnvironment();
        assertEquals(Set.of("SHOP_URL"), journeyVariables);
        List<String> unknown = new ArrayList<>();
        services.forEach((name, service) -> {
            if (!IMAGE.equals(service.get("image"))) {
                return;
            }
            Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            for (String variable : environment.keySet()) {
                boolean read = variable.startsWith("DAPPLE_")
                        ? READ_DIRECTLY.contains(variable) || known.contains(variable)
                        : journeyVariables.contains(variable);
                if (!read) {
                    unknown.add(name + ": " + variable);
                }
            }
        });
        assertEquals(List.of(), unknown, "variables no code reads");

        Set<String> probeOptions = new CommandLine(DappleCommand.class).getSubcommands().get("probe")
                .getCommandSpec().optionsMap().keySet();
        for (String probe : List.of("probe-eu", "probe-us")) {
            List<String> command = (List<String>) services.get(probe).get("command");
            assertEquals("probe", command.getFirst(), probe);
            command.stream().filter(arg -> arg.startsWith("--"))
                    .forEach(option -> assertTrue(probeOptions.contains(option), probe + ": no option " + option));
            Map<String, Object> environment = (Map<String, Object>) services.get(probe).get("environment");
            assertTrue(environment.keySet().containsAll(journeyVariables), probe + " sets what the journeys need");
        }
        assertEquals("token-eu", ((Map<String, Object>) services.get("probe-eu").get("environment"))
                .get("DAPPLE_PROBE_TOKEN"), "the probe's token comes from the environment Compose runs in");
    }

    @Test
    void composeJourneysAreValid() throws IOException {
        JourneyLoader.Result result = JourneyLoader.load(JOURNEYS);
        assertEquals(List.of(), result.errors());
        assertEquals(List.of("demo-shop"), result.journeys().stream().map(j -> j.name()).toList());
    }

    @Test
    void imageRunsOnAJre25AsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        assertTrue(dockerfile.contains("FROM eclipse-temurin:25-jdk AS build"), "multi-stage build on a JDK 25");
        assertTrue(dockerfile.contains("./mvnw -B -q package"), "built with the Maven wrapper");
        assertTrue(dockerfile.contains("FROM eclipse-temurin:25-jre\n"), "runs on a JRE 25");
        assertTrue(dockerfile.contains("\nUSER dapple\n"), "not as root");
        assertTrue(dockerfile.contains("http://localhost:8080/health"), "health check on /health");
        assertTrue(dockerfile.contains("\nEXPOSE 8080\n"));
    }

    private static String composeConfig() throws IOException, InterruptedException {
        var process = new ProcessBuilder(BINARY.toString(), "-f", COMPOSE.toString(), "config")
                .redirectErrorStream(true);
        process.environment().put("DAPPLE_ADMIN_TOKEN", "admin-token");
        process.environment().put("PROBE_EU_TOKEN", "token-eu");
        process.environment().put("PROBE_US_TOKEN", "token-us");
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(running.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, running.exitValue(), output);
        return output;
    }

    /**
     * Every configuration key the code reads, as the environment variable Micronaut maps to it (dapple.db.url and
     * DAPPLE_DB_URL): application.yml's keys, placeholders and required properties in the code, and key constants.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> configurationKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        flatten("", new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml"))), keys);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                for (Pattern pattern : List.of(PLACEHOLDER, PROPERTY, KEY_CONSTANT)) {
                    Matcher m = pattern.matcher(code);
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        Set<String> variables = new TreeSet<>();
        keys.forEach(key -> variables.add(key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT)));
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
                keys.add(path);
                flatten(path, value, keys);
            });
        }
    }

    /** The {@code env.*} names the compose setup's journeys use: the probes must set them. */
    private static Set<String> journeyEnvironment() throws IOException {
        Set<String> names = new TreeSet<>();
        for (var journey : JourneyLoader.load(JOURNEYS).journeys()) {
            Stream.concat(journey.variables().values().stream(), journey.steps().stream().map(s -> s.url()))
                    .map(Template::parts).flatMap(List::stream)
                    .forEach(part -> {
                        if (part instanceof TemplatePart.EnvRef(String name)) {
                            names.add(name);
                        }
                    });
        }
        return names;
    }
}

package dev.dapple.probe;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Journeys written as YAML in the tests, parsed the way the catalog parses them. */
final class TestJourneys {

    static final RunPlan PLAN = new RunPlan("test-location", "test-probe", Instant.parse("2025-01-01T00:00:00Z"), Map.of());

    private TestJourneys() {
    }

    /** Parses {@code yaml} as the file {@code sourcePath} (tls.ca paths resolve against its folder); it must be valid. */
    static Journey parse(String yaml, Path sourcePath) {
        ParseResult result = JourneyParser.parse(sourcePath.getFileName().toString(), yaml.getBytes(StandardCharsets.UTF_8),
                sourcePath);
        return assertInstanceOf(ParseResult.Parsed.class, result, () -> "the journey must parse: " + result + "\n" + yaml)
                .journey();
    }

    static Journey parse(String yaml) {
        return parse(yaml, Path.of("target", "test-journeys", "journey.yaml"));
    }

    static StepResult step(RunResult run, String name) {
        StepResult step = run.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        assertNotNull(step, () -> "no step " + name + " in " + run);
        return step;
    }
}

package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar dapple.jar validate} as a QA engineer runs it, in a folder of their own. */
class ValidateJarIT {

    @TempDir
    Path workDir;

    @Test
    void reportsErrorsWithPositionsAndExitCodes() throws Exception {
        Path journeys = Files.createDirectories(workDir.resolve("journeys/shop"));
        Files.writeString(journeys.resolve("ok.yaml"), "name: ok\ninterval: 1m\nsteps:\n  - name: a\n    get: https://example.com/\n");
        JarProcess valid = JarProcess.run(workDir, Map.of(), "validate");
        assertEquals(0, valid.awaitExit(Duration.ofSeconds(1)), String.join("\n", valid.output()));
        assertEquals(List.of("1 journey valid"), valid.output());

        Files.writeString(journeys.resolve("bad.yaml"), "name: bad\ninterval: 1m\nsteps:\n  - name: a\n    get: https://example.com/\n"
                + "    expect:\n      - status =~ 200\n");
        JarProcess invalid = JarProcess.run(workDir, Map.of(), "validate", "journeys");
        assertEquals(1, invalid.awaitExit(Duration.ofSeconds(1)), String.join("\n", invalid.output()));
        assertEquals(List.of("journeys/shop/bad.yaml:7:16: steps[0].expect[0]: unknown operator '=~' in 'status =~ 200'"
                        + " (expected one of ==, !=, <, <=, >, >=, contains, !contains, matches, exists, !exists, in) (did you mean '=='?)",
                "1 journey valid, 1 file invalid (1 error)"), invalid.output());

        JarProcess missing = JarProcess.run(workDir, Map.of(), "validate", "nowhere");
        assertEquals(2, missing.awaitExit(Duration.ofSeconds(1)));
        assertEquals(List.of("dapple validate: nowhere: no such file or directory"), missing.output());
    }
}

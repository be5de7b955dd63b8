package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dapple run` as a pipeline uses it: the demo journey against a running server's demo shop, and its exit codes. */
class RunJarIT {

    private static final Path DEMO = Path.of("journeys", "demo", "checkout.yaml").toAbsolutePath();
    private static JarProcess server;
    private static int port;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void startServer() throws InterruptedException {
        port = JarProcess.freePort();
        server = JarProcess.start(workDir, Map.of("DAPPLE_PORT", String.valueOf(port)));
        server.awaitLine("Dapple is running", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.stop();
    }

    private static String demoBase() {
        return "base=http://localhost:" + port + "/demo/shop";
    }

    @Test
    void theDemoJourneyRunsUpOrDegraded() throws InterruptedException {
        JarProcess run = JarProcess.run(workDir, Map.of(), "run", DEMO.toString(), "--var", demoBase());
        int exit = run.awaitExit(Duration.ofSeconds(1));
        String output = String.join("\n", run.output());
        assertTrue(exit == 0 || exit == 2, "UP (0) or DEGRADED (2, the flaky recommendations), got " + exit + ":\n" + output);
        assertTrue(output.startsWith("demo-checkout  " + (exit == 0 ? "UP" : "DEGRADED")), output);
        for (String step : List.of("login", "search", "add-to-cart", "checkout")) {
            assertTrue(run.output().stream().anyMatch(line -> line.matches("\\d+\\s+" + step + "\\s+PASSED.*")),
                    step + " passed:\n" + output);
        }
    }

    @Test
    void jsonOutputIsTheRunResult() throws InterruptedException {
        JarProcess run = JarProcess.run(workDir, Map.of(), "run", DEMO.toString(), "--var", demoBase(), "--json");
        run.awaitExit(Duration.ofSeconds(1));
        String json = run.output().getLast();
        assertTrue(json.startsWith("{\"id\":\"") && json.contains("\"journey\":\"demo-checkout\"")
                && json.contains("\"steps\":[{\"index\":0,\"name\":\"login\""), json);
    }

    @Test
    void anUnreachableTargetIsDownWithExitCode1() throws InterruptedException {
        JarProcess run = JarProcess.run(workDir, Map.of(), "run", DEMO.toString(),
                "--var", "base=http://127.0.0.1:" + JarProcess.freePort() + "/demo/shop");
        assertEquals(1, run.awaitExit(Duration.ofSeconds(1)), String.join("\n", run.output()));
        assertTrue(run.output().get(1).contains("connection_refused: login: connection refused"), run.output().toString());
    }

    @Test
    void anInvalidFileOrUnknownVariableExitsWith3() throws Exception {
        Path bad = workDir.resolve("bad.yaml");
        Files.writeString(bad, "name: Bad Name\ninterval: 1m\nsteps: []\n");
        JarProcess invalid = JarProcess.run(workDir, Map.of(), "run", bad.toString());
        assertEquals(3, invalid.awaitExit(Duration.ofSeconds(1)));
        assertTrue(invalid.output().getFirst().startsWith(bad + ":1:7: "), invalid.output().toString());

        JarProcess unknown = JarProcess.run(workDir, Map.of(), "run", DEMO.toString(), "--var", "nope=1");
        assertEquals(3, unknown.awaitExit(Duration.ofSeconds(1)));
        assertEquals("dapple run: --var nope: the journey has no variable nope (it has: base)", unknown.output().getFirst());
    }
}

package dev.dapple.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dapple validate} checks a folder's maintenance.yaml as the maintenance schedule, not as a journey. */
class ValidateMaintenanceTest {

    private static final String JOURNEY = """
            name: ping
            interval: 1m
            steps:
              - name: ping
                get: http://localhost:8080/health
            """;
    private static ApplicationContext context;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("datasources.default.enabled", false, "flyway.datasources.default.enabled", false))
                .start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    record Run(int exit, List<String> out) {
    }

    private static Run validate(Path path) {
        var out = new StringWriter();
        int exit = new CommandLine(DappleCommand.class, new MicronautFactory(context))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute("validate", path.toString());
        return new Run(exit, out.toString().lines().toList());
    }

    @Test
    void aValidScheduleIsCountedByItsWindows() throws IOException {
        Files.writeString(dir.resolve("ping.yaml"), JOURNEY);
        Files.writeString(dir.resolve("maintenance.yaml"), """
                windows:
                  - name: deploys
                    weekly: { days: [Tue, Thu], start: "06:00", duration: 30m }
                    zone: UTC
                """);
        assertEquals(new Run(0, List.of("1 journey valid, 1 maintenance window valid")), validate(dir));
    }

    @Test
    void anInvalidScheduleIsReportedLikeAnInvalidJourney() throws IOException {
        Files.writeString(dir.resolve("ping.yaml"), JOURNEY);
        Path file = dir.resolve("maintenance.yaml");
        Files.writeString(file, "windows:\n  - name: x\n    zone: Mars/Base\n    weekly: {days: [Mon], start: \"06:00\", duration: 1h}\n");
        assertEquals(new Run(1, List.of(
                file + ":3:11: windows[0].zone: unknown time zone 'Mars/Base' (expected a region such as Europe/Berlin, or UTC)",
                "1 journey valid, 1 file invalid (1 error)")), validate(dir));
        assertEquals(1, validate(file).exit(), "a schedule named directly is checked as a schedule");
    }
}

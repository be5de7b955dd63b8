package dev.dapple.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code dapple validate} as registered under {@link DappleCommand}, run in-process on real files. */
class ValidateCommandTest {

    private static final Path INVALID = Path.of("src/test/resources/journeys/invalid");
    private static final Path VALID = Path.of("src/test/resources/journeys/valid");
    private static ApplicationContext context;

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

    record Run(int exit, List<String> out, List<String> err) {
    }

    private static Run validate(String... paths) {
        return validate(context, paths);
    }

    private static Run validate(ApplicationContext context, String... paths) {
        var out = new StringWriter();
        var err = new StringWriter();
        var args = new java.util.ArrayList<String>(List.of("validate"));
        args.addAll(List.of(paths));
        int exit = new CommandLine(DappleCommand.class, new MicronautFactory(context))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    @Test
    void withoutPathsItChecksTheJourneysFolder() {
        Run run = validate();
        assertEquals(new Run(0, List.of("1 journey valid"), List.of()), run);
    }

    @Test
    void validFilesAndFoldersExitZeroWithACount() {
        Run run = validate(VALID.toString(), "journeys/demo/checkout.yaml");
        assertEquals(0, run.exit());
        assertEquals(List.of("6 journeys valid"), run.out());
    }

    @Test
    void everyErrorIsPrintedThenASummaryAndTheExitIsOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.yaml"), "name: ok\ninterval: 1m\nsteps:\n  - name: a\n    get: https://example.com/\n");
        Files.copy(INVALID.resolve("unknown-keys.yaml"), dir.resolve("unknown-keys.yaml"));
        Files.copy(INVALID.resolve("interval-too-short.yaml"), dir.resolve("short.yml"));
        Files.writeString(dir.resolve("notes.txt"), "not a journey");
        Run run = validate(dir.toString());
        assertEquals(1, run.exit());
        List<String> expected = new java.util.ArrayList<>();
        expected.add(dir.resolve("short.yml") + ":2:11: interval: 5s is too short: the minimum interval is 10s");
        for (String line : Files.readAllLines(INVALID.resolve("unknown-keys.expected"))) {
            expected.add(dir + "/" + line);
        }
        expected.add("1 journey valid, 2 files invalid (9 errors)");
        assertEquals(expected, run.out());
    }

    @Test
    void duplicateNamesAcrossFilesMakeTheSecondFileInvalid() {
        Run run = validate(INVALID.resolve("duplicate-names").toString());
        assertEquals(1, run.exit());
        assertEquals("1 journey valid, 1 file invalid (1 error)", run.out().getLast());
    }

    @Test
    void aMissingPathIsAUsageError() {
        Run run = validate(VALID.toString(), "no/such/journeys");
        assertEquals(new Run(2, List.of(), List.of("dapple validate: no/such/journeys: no such file or directory")), run);
    }

    @Test
    void onceChannelsAreConfiguredJourneysMayOnlyNameThoseEvenWithoutTheirSecrets() {
        Path file = INVALID.resolve("unknown-channels/checkout.yaml");
        try (ApplicationContext configured = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("datasources.default.enabled", false, "flyway.datasources.default.enabled", false,
                        "dapple.channels.pager.type", "pagerduty",
                        "dapple.channels.pager.routing-key", "secret:NOT_ON_THIS_MACHINE",
                        "dapple.channels.slack.type", "slack"))
                .start()) {
            Run run = validate(configured, file.toString());
            assertEquals(new Run(1, List.of(
                    file + ":7:21: alert.channels[1]: unknown channel 'slak' (did you mean 'slack'?); configured: pager, slack",
                    file + ":9:7: alert.ticket_channels[0]: unknown channel 'jira'; configured: pager, slack",
                    "0 journeys valid, 1 file invalid (2 errors)"), List.of()), run);
        }
        assertEquals(0, validate(file.toString()).exit(), "no channels configured: names are not checked");
    }

    @Test
    void validateRunsWithoutTheStore() {
        assertTrue(!context.containsBean(javax.sql.DataSource.class), "validate must not need a database");
    }
}

package dev.dapple.cli;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.probe.JourneyRunner;
import dev.dapple.probe.ProbeWarmUp;
import dev.dapple.probe.RunPlan;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dapple run FILE}: runs one journey once from this machine, for a QA engineer trying a file or a deployment
 * pipeline gating on it. Exit 0 UP, 1 DOWN, 2 DEGRADED, 3 invalid file or ERROR.
 */
@Command(name = "run", exitCodeOnInvalidInput = RunCommand.EXIT_INVALID, exitCodeOnExecutionException = RunCommand.EXIT_INVALID,
        description = "Run one journey once from this machine and print the result. "
                + "Exit 0 UP, 1 DOWN, 2 DEGRADED, 3 invalid file or ERROR.")
final class RunCommand implements Callable<Integer> {

    static final int EXIT_INVALID = 3;

    @Parameters(paramLabel = "FILE", description = "The journey file.")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Replace a journey variable's value for this run (repeatable).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the full RunResult as JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;
    @Inject
    JourneyRunner runner;
    @Inject
    ProbeWarmUp warmUp;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    Clock clock;
    @Value("${dapple.probe.location:local}")
    String location;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ParseResult parsed;
        try {
            parsed = JourneyParser.parse(file);
        } catch (NoSuchFileException e) {
            err.println("dapple run: " + file + ": no such file");
            return EXIT_INVALID;
        }
        if (parsed instanceof ParseResult.Invalid(var errors)) {
            errors.stream().map(JourneyError::toString).forEach(err::println);
            return EXIT_INVALID;
        }
        Journey journey = ((ParseResult.Parsed) parsed).journey();
        for (String name : variables.keySet()) {
            if (!journey.variables().containsKey(name)) {
                err.println("dapple run: --var " + name + ": the journey has no variable " + name
                        + (journey.variables().isEmpty() ? "" : " (it has: " + String.join(", ", journey.variables().keySet()) + ")"));
                return EXIT_INVALID;
            }
        }
        warmUp.warmUp();
        RunResult result = runner.run(journey, new RunPlan(location, "cli@" + hostName(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), variables));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(jsonMapper.writeValueAsString(result));
        } else {
            RunTable.print(result, out);
        }
        out.flush();
        return exitCode(result.outcome());
    }

    static int exitCode(Outcome outcome) {
        return switch (outcome) {
            case UP -> 0;
            case DOWN -> 1;
            case DEGRADED -> 2;
            case ERROR -> EXIT_INVALID;
        };
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

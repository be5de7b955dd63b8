package dev.dapple.cli;

import dev.dapple.alert.Channels;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyLoader;
import dev.dapple.maintenance.MaintenanceFileParser;
import dev.dapple.maintenance.MaintenanceFiles;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dapple validate [PATH...]}: every error of every journey file (and of each folder's {@code maintenance.yaml},
 * the maintenance schedule) as {@code path:line:column: message}, then a summary. Exit 0 when all are valid, 1 when
 * any is not, 2 for a path that does not exist.
 */
@Command(name = "validate", description = "Check journey files; print each error as path:line:column: message.")
final class ValidateCommand implements Callable<Integer> {

    static final Path DEFAULT_PATH = Path.of("journeys");

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Journey files or folders (default: journeys/).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    /** The configuration: journeys may only name the alert channels it configures (when it configures any). */
    @Inject
    Environment environment;

    @Override
    public Integer call() throws IOException {
        List<Path> roots = paths == null || paths.isEmpty() ? List.of(DEFAULT_PATH) : paths;
        for (Path root : roots) {
            if (!Files.exists(root)) {
                spec.commandLine().getErr().println("dapple validate: " + root + ": no such file or directory");
                return 2;
            }
        }
        Set<String> channels = Channels.configuredNames(environment);
        JourneyLoader.Result result = JourneyLoader.load(roots, channels);
        PrintWriter out = spec.commandLine().getOut();
        for (JourneyError error : result.errors()) {
            out.println(error);
        }
        var schedules = new ArrayList<MaintenanceFileParser.Result>();
        for (Path file : MaintenanceFiles.in(roots)) {
            MaintenanceFileParser.Result schedule = MaintenanceFiles.read(file);
            if (schedule instanceof MaintenanceFileParser.Invalid(List<JourneyError> errors)) {
                errors.forEach(out::println);
            }
            schedules.add(schedule);
        }
        out.println(summary(result, schedules));
        out.flush();
        boolean schedulesValid = schedules.stream().allMatch(MaintenanceFileParser.Valid.class::isInstance);
        return result.allValid() && schedulesValid ? 0 : 1;
    }

    static String summary(JourneyLoader.Result result, List<MaintenanceFileParser.Result> schedules) {
        var valid = new StringBuilder(count(result.journeys().size(), "journey") + " valid");
        int windows = 0;
        int invalidFiles = result.invalidFiles().size();
        int errors = result.errors().size();
        for (MaintenanceFileParser.Result schedule : schedules) {
            switch (schedule) {
                case MaintenanceFileParser.Valid(var found) -> windows += found.size();
                case MaintenanceFileParser.Invalid(var found) -> {
                    invalidFiles++;
                    errors += found.size();
                }
            }
        }
        if (schedules.stream().anyMatch(MaintenanceFileParser.Valid.class::isInstance)) {
            valid.append(", ").append(count(windows, "maintenance window")).append(" valid");
        }
        if (invalidFiles == 0) {
            return valid.toString();
        }
        return valid + ", " + count(invalidFiles, "file") + " invalid (" + count(errors, "error") + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

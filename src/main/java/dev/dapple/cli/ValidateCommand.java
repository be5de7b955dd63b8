package dev.dapple.cli;

import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dapple validate [PATH...]}: every error of every journey file as {@code path:line:column: message}, then a
 * summary. Exit 0 when all are valid, 1 when any is not, 2 for a path that does not exist.
 */
@Command(name = "validate", description = "Check journey files; print each error as path:line:column: message.")
final class ValidateCommand implements Callable<Integer> {

    static final Path DEFAULT_PATH = Path.of("journeys");

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Journey files or folders (default: journeys/).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> roots = paths == null || paths.isEmpty() ? List.of(DEFAULT_PATH) : paths;
        for (Path root : roots) {
            if (!Files.exists(root)) {
                spec.commandLine().getErr().println("dapple validate: " + root + ": no such file or directory");
                return 2;
            }
        }
        JourneyLoader.Result result = JourneyLoader.load(roots);
        PrintWriter out = spec.commandLine().getOut();
        for (JourneyError error : result.errors()) {
            out.println(error);
        }
        out.println(summary(result));
        out.flush();
        return result.allValid() ? 0 : 1;
    }

    static String summary(JourneyLoader.Result result) {
        String valid = count(result.journeys().size(), "journey") + " valid";
        if (result.allValid()) {
            return valid;
        }
        return valid + ", " + count(result.invalidFiles().size(), "file") + " invalid ("
                + count(result.errors().size(), "error") + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

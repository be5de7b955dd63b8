package dev.dapple.cli;

import dev.dapple.StartupFailure;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's commands. With no command the jar starts the server instead (see {@code dev.dapple.Dapple}). */
@Command(name = "dapple", mixinStandardHelpOptions = true, versionProvider = DappleCommand.Version.class,
        description = "Synthetic-transaction monitor. Without a command, starts the server.",
        subcommands = {DbCommand.class, ValidateCommand.class, RunCommand.class, ProbeCommand.class,
                TokenCommand.class})
public final class DappleCommand implements Runnable {

    /** Commands that open the store; every other command runs without a datasource, so it starts fast. */
    private static final Set<String> STORE_COMMANDS = Set.of("db", "token");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int execute(String... args) {
        boolean needsStore = args.length > 0 && STORE_COMMANDS.contains(args[0]);
        // No health monitor: it would poll the store's health indicator, which commands do not serve.
        Map<String, Object> properties = needsStore ? Map.of("micronaut.health.monitor.enabled", false) : Map.of(
                "datasources.default.enabled", false,
                "flyway.datasources.default.enabled", false,
                "micronaut.health.monitor.enabled", false);
        ApplicationContext context = ApplicationContext.builder(Environment.CLI)
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .build();
        try {
            context.start();
        } catch (RuntimeException e) {
            System.err.println("dapple: " + StartupFailure.describe(e, context.getEnvironment()));
            return StartupFailure.EXIT_CODE;
        }
        try (context) {
            return new CommandLine(DappleCommand.class, new MicronautFactory(context))
                    .setParameterExceptionHandler(DappleCommand::usageError)
                    .execute(args);
        }
    }

    /** Picocli shows either its suggestions or the usage; a newcomer who mistyped a command wants both. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        java.io.PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err);
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DappleCommand.class.getPackage().getImplementationVersion();
            return new String[] {"dapple " + (version == null ? "development build" : version)};
        }
    }
}

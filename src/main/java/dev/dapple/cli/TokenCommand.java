package dev.dapple.cli;

import dev.dapple.dashboard.Display;
import dev.dapple.probe.remote.ProbeToken;
import dev.dapple.probe.remote.ProbeTokens;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dapple token create|list|revoke}: the remote probes' tokens, written straight into the store, so it works
 * whether or not a server runs (on H2 too: AUTO_SERVER lets this process open the file the server holds).
 */
@Command(name = "token", description = "Manage remote probe tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand {

    static final int EXIT_INVALID = 2;

    @Command(name = "create", description = "Create a token for a probe location; prints it once.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--location", required = true, paramLabel = "NAME", description = "The location it serves.")
        String location;
        @Option(names = "--label", paramLabel = "TEXT", description = "A note for 'token list', like the host.")
        String label;
        @Spec
        CommandSpec spec;
        @Inject
        BeanProvider<ProbeTokens> tokens; // lazy: picocli creates every command, and only this one opens the store
        @Inject
        Clock clock;

        @Override
        public Integer call() throws SQLException {
            ProbeTokens.Created created;
            try {
                created = tokens.get().create(location, label, clock.instant());
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("dapple token create: " + e.getMessage());
                return EXIT_INVALID;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.token());
            out.printf("Token %d for location %s. It is shown only this once: give it to the probe as"
                    + " DAPPLE_PROBE_TOKEN (Authorization: Bearer <token>).%n", created.row().id(), location);
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", description = "List the tokens (never their values).")
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Inject
        BeanProvider<ProbeTokens> tokens; // lazy: picocli creates every command, and only this one opens the store

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<ProbeToken> all = tokens.get().list();
            if (all.isEmpty()) {
                out.println("No probe tokens. Create one with: dapple token create --location NAME");
            } else {
                out.printf("%-5s %-20s %-22s %-22s %s%n", "ID", "LOCATION", "CREATED", "REVOKED", "LABEL");
                for (ProbeToken token : all) {
                    out.printf("%-5d %-20s %-22s %-22s %s%n", token.id(), token.location(),
                            Display.utc(token.createdAt()), token.revoked() ? Display.utc(token.revokedAt()) : "-",
                            token.label() == null ? "" : token.label());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token: its probe is refused from its next request on.")
    static final class Revoke implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The token's id, as 'token list' shows it.")
        long id;
        @Spec
        CommandSpec spec;
        @Inject
        BeanProvider<ProbeTokens> tokens; // lazy: picocli creates every command, and only this one opens the store
        @Inject
        Clock clock;

        @Override
        public Integer call() throws SQLException {
            if (!tokens.get().revoke(id, clock.instant())) {
                spec.commandLine().getErr().println("dapple token revoke: no token with id " + id
                        + " (see dapple token list)");
                return EXIT_INVALID;
            }
            spec.commandLine().getOut().println("Token " + id + " revoked.");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}

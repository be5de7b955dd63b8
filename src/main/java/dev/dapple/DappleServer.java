package dev.dapple;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

/** Starts the HTTP server; a failed start prints one plain line and exits non-zero instead of a stack trace. */
final class DappleServer extends Micronaut {

    static ApplicationContext launch() {
        return new DappleServer().mainClass(Dapple.class).banner(false).start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        System.err.println("dapple: " + StartupFailure.describe(exception, environment));
        System.exit(StartupFailure.EXIT_CODE);
    }
}

package dev.dapple;

import dev.dapple.cli.DappleCommand;

/**
 * One jar, two faces: with no arguments it starts the server; with arguments it runs a command
 * ({@code validate}, {@code run}, {@code db}, ...).
 */
public final class Dapple {

    private Dapple() {
    }

    public static void main(String[] args) {
        // H2 otherwise refuses a data dir written as a plain relative path ("data" instead of "./data").
        System.setProperty("h2.implicitRelativePath", "true");
        WorkingDirectoryConfig.use(java.nio.file.Path.of(""));
        if (args.length == 0) {
            DappleServer.launch();
        } else {
            System.exit(DappleCommand.execute(args));
        }
    }
}

package dev.dapple.cli;

import dev.dapple.config.RawConfig;
import dev.dapple.probe.JourneyRunner;
import dev.dapple.probe.ProbeSchedulerConfiguration;
import dev.dapple.probe.ProbeWarmUp;
import dev.dapple.probe.agent.AgentSettings;
import dev.dapple.probe.agent.ProbeAgent;
import dev.dapple.probe.agent.ProbeRefused;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dapple probe --server URL --location NAME}: a remote probe. It runs the journeys the server assigns to this
 * location with the embedded probe's scheduler and runner, and pushes the results; it keeps running (and buffering
 * on disk) while the server is away. Runs until stopped (SIGTERM, Ctrl-C); exit 2 for bad options, 3 when the
 * server refuses the probe.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = DappleCommand.Version.class,
        exitCodeOnInvalidInput = ProbeCommand.EXIT_USAGE,
        description = "Run a remote probe for one location, reporting to a Dapple server. "
                + "The token comes from --token-file or the environment variable DAPPLE_PROBE_TOKEN.")
final class ProbeCommand implements Callable<Integer> {

    static final int EXIT_USAGE = 2;
    static final int EXIT_REFUSED = 3;
    static final String TOKEN_VARIABLE = "DAPPLE_PROBE_TOKEN";

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The Dapple server's URL.")
    String server;

    @Option(names = "--location", required = true, paramLabel = "NAME",
            description = "The location this probe serves (its token must be created for it).")
    String location;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the probe token (default: the environment variable DAPPLE_PROBE_TOKEN).")
    Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the last assignments and unsent results are kept (default: dapple.data-dir, ./data).")
    Path dataDir;

    @Option(names = "--name", paramLabel = "NAME", description = "This probe's name in its location (default: the host name).")
    String name;

    @Option(names = "--buffer-size", paramLabel = "SIZE", defaultValue = "100MiB",
            description = "Room on disk for results the server has not taken yet; past it the oldest are dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    String bufferSize;

    @Spec
    CommandSpec spec;
    @Inject
    JourneyRunner runner;
    @Inject
    ProbeWarmUp warmUp;
    @Inject
    JsonMapper json;
    @Inject
    Clock clock;
    @Value("${dapple.data-dir}")
    String defaultDataDir;
    @Value("${dapple.probe.max-concurrent-runs:}")
    String maxConcurrentRuns;
    @Value("${dapple.probe.shutdown-grace:}")
    String shutdownGrace;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ProbeAgent agent;
        try {
            var config = new ProbeSchedulerConfiguration(maxConcurrentRuns, shutdownGrace);
            var settings = AgentSettings.of(serverUri(), location, name == null ? hostName() : name, token(),
                    (dataDir == null ? Path.of(defaultDataDir) : dataDir).toAbsolutePath().normalize(),
                    RawConfig.size("--buffer-size", bufferSize, "a size like 100MiB, 512KiB or 1000000"));
            agent = new ProbeAgent(settings, runner::run, config, json, clock);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("dapple probe: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            agent.stop();
            try {
                finished.await(1, TimeUnit.MINUTES); // the scheduler's grace and one last push
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dapple-probe-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            warmUp.warmUp();
            agent.run();
            return 0;
        } catch (ProbeRefused e) {
            err.println("dapple probe: " + e.getMessage());
            err.flush();
            return e.badSettings() ? EXIT_USAGE : EXIT_REFUSED;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and now sees the agent finished
            }
        }
    }

    private URI serverUri() {
        try {
            return new URI(server.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--server must be a URL like http://dapple.example.com:8080, not '"
                    + server + "'");
        }
    }

    /** The token's text: from the file (a trailing newline is not part of it), else from the environment. */
    private String token() throws IOException {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile).strip();
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--token-file " + tokenFile + ": no such file");
            }
        }
        String fromEnvironment = System.getenv(TOKEN_VARIABLE);
        return fromEnvironment == null ? "" : fromEnvironment;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "probe";
        }
    }
}

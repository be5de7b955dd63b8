package dev.dapple.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the benchmark, its output in a log file. The measured processes run apart from the bench (which runs
 * inside Maven) so their JVM flags, their CPU and their collector are their own.
 */
final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String name;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <jvm flags> <arguments>} in {@code dir} with extra environment variables. */
    static JavaProcess start(String name, Path dir, List<String> jvmFlags, List<String> arguments,
                             Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(arguments);
        Path log = dir.resolve(name + ".log");
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new JavaProcess(name, builder.start(), log);
    }

    /** The test class path the bench itself was loaded from (exec:java loads it through a URLClassLoader). */
    static String classPath() {
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = JavaProcess.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException("class path entry " + url, e);
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            entries.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Waits until a line of the output matches, or fails with the log's tail when the process dies or time runs out. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200); // polling a log file; the bench is not measuring here
        }
        throw new IllegalStateException(name + " did not get ready within " + timeout + ":\n" + tail());
    }

    /** Waits for the process to end by itself; its output lines. */
    List<String> awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeout + ":\n" + tail());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
        }
        return Files.readAllLines(log);
    }

    /** CPU time the process used so far (user + system). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of " + name));
    }

    /** Asks the process to stop (SIGTERM: the server shuts down gracefully) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

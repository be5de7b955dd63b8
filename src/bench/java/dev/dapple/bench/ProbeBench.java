package dev.dapple.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * The probe benchmark: (a) measurement overhead against a loopback target that answers after a fixed delay, with new
 * and reused connections, next to {@code wrk}; (b) schedule lateness and CPU of the real server at several journey
 * run rates. Each collector under test gets its own JVMs; the target runs in a process of its own. Prints one
 * markdown table. Settings are system properties (see README, "Benchmarks"):
 * <pre>
 * ./mvnw -B -q package -DskipTests && ./mvnw -B -q exec:java -Dexec.mainClass=dev.dapple.bench.ProbeBench
 * </pre>
 */
public final class ProbeBench {

    /** The collectors the bench knows, by the name used in {@code -Dbench.collectors}. */
    static final Map<String, List<String>> COLLECTORS = new LinkedHashMap<>();

    static {
        COLLECTORS.put("g1", List.of("-XX:+UseG1GC"));
        COLLECTORS.put("g1-pause10", List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10"));
        COLLECTORS.put("zgc", List.of("-XX:+UseZGC"));
        COLLECTORS.put("shenandoah", List.of("-XX:+UseShenandoahGC", "-XX:ShenandoahGCMode=generational"));
    }

    private ProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        long delayMillis = Long.getLong("bench.delay-ms", 20);
        int warmUpSamples = Integer.getInteger("bench.warmup-samples", 5000);
        int samples = Integer.getInteger("bench.samples", 1000);
        Duration wrkTime = seconds("bench.wrk", "10s");
        Duration warmUp = seconds("bench.warmup", "30s");
        Duration measure = seconds("bench.measure", "60s");
        List<String> parts = list("bench.parts", "a,b", ",");
        List<String> extraFlags = list("bench.jvm-flags", "", " ");
        List<String> collectors = list("bench.collectors", "g1,g1-pause10,zgc", ",");
        List<Integer> levels = list("bench.levels", "1000,10000,20000", ",").stream().map(Integer::parseInt).toList();
        if (parts.isEmpty() || !List.of("a", "b").containsAll(parts)) {
            throw new IllegalArgumentException("bench.parts: expected a, b or a,b, not '" + String.join(",", parts) + "'");
        }
        for (String collector : collectors) {
            if (!COLLECTORS.containsKey(collector)) {
                throw new IllegalArgumentException("bench.collectors: unknown collector '" + collector
                        + "', expected some of " + COLLECTORS.keySet());
            }
        }
        Path jar = Path.of("target", "dapple.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -B -q package -DskipTests (no " + jar + ")");
        }
        if (!"dev.dapple.Dapple".equals(mainClass(jar))) {
            throw new IllegalStateException(jar + " starts " + mainClass(jar) + ", not the server: it was packaged with"
                    + " -Dexec.mainClass; build it again in a call of its own: ./mvnw -B -q package -DskipTests");
        }
        var table = new BenchTable(delayMillis);
        table.machine(loadAverage());
        Path work = Files.createTempDirectory("dapple-bench-");
        progress("overhead probe logs in " + work);
        int targetPort = freePort();
        URI target = URI.create("http://127.0.0.1:" + targetPort);
        try (JavaProcess targetProcess = JavaProcess.start("target", work, List.of("-XX:+UseParallelGC"),
                List.of("-cp", JavaProcess.classPath(), DelayTarget.class.getName(), Integer.toString(targetPort),
                        Long.toString(delayMillis)), Map.of())) {
            targetProcess.awaitLine(line -> line.startsWith("listening on"), Duration.ofSeconds(60));
            if (parts.contains("a")) {
                progress("wrk for " + wrkTime.toSeconds() + " s");
                table.wrk(Wrk.run(target.resolve("/wrk"), wrkTime));
                for (String collector : collectors) {
                    progress("overhead, " + collector + ": " + (warmUpSamples + samples) + " exchanges x 2");
                    table.overhead(collector, overhead(work, collector, extraFlags, target, delayMillis, warmUpSamples,
                            samples));
                }
            }
            var load = new LoadRun(jar, target, targetProcess, extraFlags, delayMillis * 1_000, warmUp, measure);
            for (String collector : parts.contains("b") ? collectors : List.<String>of()) {
                for (int level : levels) {
                    progress("load, " + collector + ": " + level + " runs/min, warm-up " + warmUp.toSeconds()
                            + " s, measured " + measure.toSeconds() + " s");
                    table.load(load.run(collector, COLLECTORS.get(collector), level, freePort()));
                }
            }
        }
        table.print(System.out, loadAverage());
    }

    /** Runs {@link OverheadProbe} in a JVM with the collector's flags; its RESULT lines by name. */
    private static Map<String, long[]> overhead(Path work, String collector, List<String> extraFlags, URI target,
                                                long delayMillis, int warmUp, int samples)
            throws IOException, InterruptedException {
        List<String> flags = new ArrayList<>(COLLECTORS.get(collector));
        flags.addAll(extraFlags);
        List<String> arguments = List.of("-cp", JavaProcess.classPath(), OverheadProbe.class.getName(),
                target.toString(), Long.toString(delayMillis), Integer.toString(warmUp), Integer.toString(samples));
        try (JavaProcess probe = JavaProcess.start("overhead-" + collector, work, flags, arguments, Map.of())) {
            Map<String, long[]> results = new LinkedHashMap<>();
            for (String line : probe.awaitExit(Duration.ofMinutes(10))) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    results.put(parts[1], Arrays.stream(parts, 2, parts.length).mapToLong(Long::parseLong).toArray());
                }
            }
            return results;
        }
    }

    private static String mainClass(Path jar) throws IOException {
        try (var file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void progress(String what) {
        System.err.println("[bench] " + what + " (load average " + loadAverage() + ")");
    }

    private static List<String> list(String property, String defaults, String separator) {
        List<String> values = new ArrayList<>();
        for (String value : System.getProperty(property, defaults).split(separator)) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    /** "30s", "2m" or plain seconds. */
    private static Duration seconds(String property, String defaults) {
        String text = System.getProperty(property, defaults).trim();
        try {
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": expected a duration such as 30s or 2m, not '" + text + "'");
        }
    }
}

package dev.dapple.bench;

import dev.dapple.probe.PlannedTimes;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.RunDetailCodec;
import dev.dapple.result.StepResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Part (b) of the probe benchmark, one level: the real server ({@code java -jar target/dapple.jar}, embedded probe,
 * ingest into H2, catalog from a folder of generated three-step journeys) runs {@code runsPerMinute} journey runs a
 * minute against the delay target. After a warm-up it measures for a while; then it stops the server and reads the
 * runs planned in the measured window back from the H2 file: lateness (started − planned), missed runs, outcomes,
 * step durations. CPU is the server process's CPU time over the window; GC pauses come from its /prometheus.
 */
final class LoadRun {

    /** One level's figures. Lateness and step overhead in microseconds. */
    record Result(String collector, List<String> jvmFlags, int runsPerMinute, int journeys, long expected, long stored,
                  long missed, long notUp, Histogram lateness, Histogram stepOverhead, double cpuOfOneCore,
                  double targetCpuOfOneCore, Duration window, GcPauses pauses, String load) {

        /** The server's CPU time in the window over the runs that started in it (missed runs cost next to nothing). */
        double cpuMillisPerRun() {
            long started = stored - missed;
            return started == 0 ? 0 : cpuOfOneCore * window.toMillis() / started;
        }
    }

    /** GC pauses in the window: how many, their total and the largest seen in the last minutes (Micrometer's max). */
    record GcPauses(long count, double totalMillis, double maxMillis) {
    }

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int STEPS = 3;

    private final Path jar;
    private final URI target;
    private final JavaProcess targetProcess;
    private final List<String> extraFlags;
    private final long delayMicros;
    private final Duration warmUp;
    private final Duration measure;

    LoadRun(Path jar, URI target, JavaProcess targetProcess, List<String> extraFlags, long delayMicros, Duration warmUp,
            Duration measure) {
        this.jar = jar;
        this.target = target;
        this.targetProcess = targetProcess;
        this.extraFlags = extraFlags;
        this.delayMicros = delayMicros;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    Result run(String collector, List<String> jvmFlags, int runsPerMinute, int port)
            throws IOException, InterruptedException, SQLException {
        int journeys = Math.ceilDiv(runsPerMinute * (int) INTERVAL.toSeconds(), 60);
        Path dir = Files.createTempDirectory("dapple-bench-" + collector + "-" + runsPerMinute + "-");
        writeJourneys(dir.resolve("journeys"), journeys);
        Path data = dir.resolve("data");
        Instant from;
        Instant to;
        double cpuShare;
        double targetShare;
        GcPauses pauses;
        List<String> flags = new ArrayList<>(jvmFlags);
        flags.addAll(extraFlags);
        try (JavaProcess server = JavaProcess.start("server", dir, flags, List.of("-jar", jar.toString()), Map.of(
                "DAPPLE_PORT", Integer.toString(port),
                "DAPPLE_HOST", "127.0.0.1",
                "DAPPLE_DATA_DIR", data.toString(),
                "DAPPLE_JOURNEYS_DIR", dir.resolve("journeys").toString(),
                "DAPPLE_DEMO_ENABLED", "false"))) {
            String ready = "Embedded probe (local) runs " + journeys + " journey";
            server.awaitLine(line -> line.contains(ready), Duration.ofMinutes(3));
            Thread.sleep(warmUp.toMillis());
            from = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
            Duration cpu0 = server.cpu();
            Duration targetCpu0 = targetProcess.cpu();
            long wall0 = System.nanoTime();
            double[] gc0 = gcPauses(port);
            Thread.sleep(measure.toMillis());
            Duration cpu1 = server.cpu();
            Duration targetCpu1 = targetProcess.cpu();
            long wall1 = System.nanoTime();
            double[] gc1 = gcPauses(port);
            to = Instant.ofEpochMilli(System.currentTimeMillis());
            cpuShare = (double) cpu1.minus(cpu0).toNanos() / (wall1 - wall0);
            targetShare = (double) targetCpu1.minus(targetCpu0).toNanos() / (wall1 - wall0);
            pauses = new GcPauses(Math.round(gc1[0] - gc0[0]), (gc1[1] - gc0[1]) * 1_000, gc1[2] * 1_000);
            // Every run planned in the window has started or been reported missed one interval after it.
            Thread.sleep(INTERVAL.toMillis() + 1_000);
        } // SIGTERM: the server finishes its runs and ingest stores what it holds before exiting
        System.err.println("[bench] server log and data in " + dir);
        return read(collector, jvmFlags, runsPerMinute, journeys, data, from, to, cpuShare, targetShare, pauses);
    }

    private void writeJourneys(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            String name = "load-%05d".formatted(i);
            StringBuilder yaml = new StringBuilder("name: " + name + "\ninterval: " + INTERVAL.toSeconds()
                    + "s\ntimeout: 5s\nsteps:\n");
            for (int s = 0; s < STEPS; s++) {
                yaml.append("  - name: step-").append(s).append("\n    get: ").append(target.resolve("/" + name + "/" + s))
                        .append("\n    expect: [status == 200]\n");
            }
            Files.writeString(folder.resolve(name + ".yaml"), yaml);
        }
    }

    private Result read(String collector, List<String> jvmFlags, int runsPerMinute, int journeys, Path data,
                        Instant from, Instant to, double cpuShare, double targetShare, GcPauses pauses)
            throws SQLException {
        long expected = 0;
        for (int i = 0; i < journeys; i++) {
            expected += plannedIn("load-%05d".formatted(i), from, to);
        }
        var lateness = new Histogram(3);
        var steps = new Histogram(3);
        long stored = 0;
        long missed = 0;
        long notUp = 0;
        String url = "jdbc:h2:file:" + data.resolve("dapple") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection db = DriverManager.getConnection(url, "", "")) {
            // The same rows the server wrote: steps and error kind are in the run's detail (RunDetailCodec).
            try (PreparedStatement query = window(db,
                    "SELECT planned_at, started_at, outcome, detail FROM runs WHERE planned_at >= ? AND planned_at < ?",
                    from, to); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored++;
                    RunDetailCodec.Detail detail = RunDetailCodec.decode(rows.getBytes(4));
                    if (detail.errorKind() == ErrorKind.MISSED) {
                        missed++;
                        continue;
                    }
                    if (!"UP".equals(rows.getString(3))) {
                        notUp++;
                    }
                    Instant planned = rows.getObject(1, OffsetDateTime.class).toInstant();
                    Instant started = rows.getObject(2, OffsetDateTime.class).toInstant();
                    lateness.recordValue(Math.max(0, Duration.between(planned, started).toNanos() / 1_000));
                    for (StepResult step : detail.steps()) {
                        if (step.httpStatus() != null && step.httpStatus() == 200 && step.durationUs() != null) {
                            steps.recordValue(Math.max(0, step.durationUs() - delayMicros));
                        }
                    }
                }
            }
        }
        return new Result(collector, jvmFlags, runsPerMinute, journeys, expected, stored, missed, notUp, lateness,
                steps, cpuShare, targetShare, Duration.between(from, to), pauses, ProbeBench.loadAverage());
    }

    private static PreparedStatement window(Connection db, String sql, Instant from, Instant to) throws SQLException {
        PreparedStatement query = db.prepareStatement(sql);
        query.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        query.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        return query;
    }

    /** How many planned times of the journey fall in [from, to). */
    private static long plannedIn(String name, Instant from, Instant to) {
        long step = INTERVAL.toMillis();
        long phase = PlannedTimes.phase(name, INTERVAL).toMillis();
        return Math.ceilDiv(to.toEpochMilli() - phase, step) - Math.ceilDiv(from.toEpochMilli() - phase, step);
    }

    /** Sum of jvm_gc_pause_seconds counts, sum of their totals (s), and the largest max (s), over all collectors. */
    private static double[] gcPauses(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String text = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            double[] totals = new double[3];
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                    totals[0] += value(line);
                } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                    totals[1] += value(line);
                } else if (line.startsWith("jvm_gc_pause_seconds_max{")) {
                    totals[2] = Math.max(totals[2], value(line));
                }
            }
            return totals;
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}

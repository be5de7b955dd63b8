package dev.dapple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.dapple.leader.LeaderLease;
import dev.dapple.probe.PlannedTimes;
import dev.dapple.probe.ProbeScheduler;
import dev.dapple.result.RunRepository;
import dev.dapple.result.StoredRun;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A server stopped while a journey waits on a slow target: the probe waits for the run, ingest stores its result,
 * and only then does the datasource close, so the run is in the H2 file when the server is gone.
 */
class GracefulShutdownTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long TARGET_DELAY_MILLIS = 1_500;

    @TempDir
    Path dir;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final HttpServer target = slowTarget();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stopTarget() {
        target.stop(0);
        ((Logger) LoggerFactory.getLogger(ProbeScheduler.class)).detachAppender(log);
    }

    @Test
    void aRunInProgressAtShutdownIsWaitedForAndStored() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(ProbeScheduler.class)).addAppender(log);
        String url = "jdbc:h2:file:" + dir.resolve("data/dapple") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        Path journeys = Files.createDirectories(dir.resolve("journeys"));
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "dapple.data-dir", dir.resolve("data").toString(),
                "dapple.db.url", url,
                "dapple.journeys.dir", journeys.toString(),
                "dapple.journeys.poll-interval", "100ms",
                "dapple.probe.shutdown-grace", "10s"));

        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST);
        await("this server leads and publishes", () -> server.getApplicationContext().getBean(LeaderLease.class).isLeader());
        // A name whose first planned time comes soon after publishing: the schedule is epoch-aligned, not "now".
        String name = soonPlanned();
        Files.writeString(journeys.resolve(name + ".yaml"), "name: " + name + "\ninterval: 10s\nsteps:\n"
                + "  - name: slow\n    get: http://127.0.0.1:" + target.getAddress().getPort() + "/slow\n"
                + "    expect: [status == 200]\n");
        assertTrue(arrived.await(30, TimeUnit.SECONDS), "the journey ran");

        long start = System.nanoTime();
        server.getApplicationContext().close();
        long closeMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(closeMillis >= 500, "the stop waited for the run (" + closeMillis + " ms)");
        try (Connection connection = DriverManager.getConnection(url, "", "");
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT outcome, duration_us FROM runs WHERE journey = '" + name + "'")) {
            assertTrue(rs.next(), "the run was stored before the datasource closed");
            assertEquals("UP", rs.getString(1));
            assertTrue(rs.getLong(2) >= TARGET_DELAY_MILLIS * 1_000, "the whole run: " + rs.getLong(2) + " µs");
        }
        assertTrue(Files.notExists(dir.resolve("data/ingest-buffer")) || isEmpty(dir.resolve("data/ingest-buffer")),
                "stored, not left in the disk buffer");
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("stopped: waited") && l.contains("for 1 run in progress")),
                String.join("\n", lines));

        // And a new server on the same file reads it back.
        try (ApplicationContext again = ApplicationContext.run(Map.of("dapple.data-dir", dir.resolve("data").toString(),
                "dapple.db.url", url, "dapple.probe.embedded", "false"), Environment.TEST)) {
            List<StoredRun> runs = again.getBean(RunRepository.class).findAll().stream()
                    .filter(r -> r.journey().equals(name)).toList();
            assertEquals(1, runs.size());
        }
    }

    /** A journey name whose next planned time (10 s interval) is 1 to 2 s from now. */
    private static String soonPlanned() {
        Instant now = Instant.now();
        for (int i = 0; ; i++) {
            String name = "slow-" + i;
            long inMillis = Duration.between(now, PlannedTimes.next(name, INTERVAL, now)).toMillis();
            if (inMillis >= 1_000 && inMillis <= 2_000) {
                return name;
            }
        }
    }

    private HttpServer slowTarget() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/slow", exchange -> {
                arrived.countDown();
                try {
                    Thread.sleep(TARGET_DELAY_MILLIS); // the target is slow: this is the delay under test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "ok".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }
}

package dev.dapple.incident;

import static dev.dapple.incident.IncidentRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.database.TestStores;
import dev.dapple.journey.Journey;
import dev.dapple.leader.LeaderJob;
import dev.dapple.leader.LeaderLease;
import dev.dapple.leader.MutableClock;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunWriter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two application contexts on one database, each evaluating incidents in a {@link LeaderJob} as
 * {@link IncidentJob} does (tests have no background jobs): only the leader evaluates, the other takes over within
 * the lease when it stops, and every state change is emitted once. Then two evaluators that both believe they lead.
 */
class IncidentFailoverTest {

    static final Duration LEASE = Duration.ofSeconds(2);
    static final Duration RENEW = Duration.ofMillis(300);
    static final Duration PASS_INTERVAL = Duration.ofMillis(100);
    static final Duration MARGIN = Duration.ofSeconds(2);
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Journey CHECKOUT = IncidentRuns.journey("checkout", "alert:\n  after: 2\n");

    @Test
    @EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
            disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL incident failover test skipped")
    void onPostgres() throws Exception {
        TestStores.onFreshPostgresSchema(this::failover);
    }

    @Test
    void onH2() throws Exception {
        failover(TestStores.sharedH2("incidents"));
    }

    /** A context and the evaluation loop the test runs in it. */
    record Server(String name, ApplicationContext context, LeaderJob job) {
        void stop() {
            job.close();
            context.close();
        }
    }

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger evaluating = new AtomicInteger();
    private final AtomicReference<String> overlap = new AtomicReference<>();
    private final Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();

    private void failover(Map<String, String> store) throws Exception {
        var properties = new HashMap<>(store);
        properties.put("dapple.leader.lease-duration", LEASE.toMillis() + "ms");
        properties.put("dapple.leader.renew-interval", RENEW.toMillis() + "ms");
        List<Server> servers = new ArrayList<>();
        try {
            servers.add(start("a", properties));
            servers.add(start("b", properties));
            Server first = awaitLeader(servers);
            Server second = servers.get(0) == first ? servers.get(1) : servers.get(0);
            ApplicationContext any = second.context();
            RunWriter writer = new RunWriter(any.getBean(DataSource.class), any.getBean(RunRecords.class), clock);
            Incidents incidents = any.getBean(Incidents.class);

            minute(writer, 0, Outcome.UP);
            minute(writer, 1, Outcome.DOWN);
            minute(writer, 2, Outcome.DOWN);
            await("the leader opens the incident", LEASE, () -> !list(incidents, Incidents.State.OPEN).isEmpty());
            assertEquals(0, passes.getOrDefault(second.name(), new AtomicInteger()).get(), "only the leader evaluates");

            servers.remove(first);
            first.stop();
            long stopped = System.nanoTime();
            minute(writer, 3, Outcome.DOWN);
            minute(writer, 4, Outcome.UP);
            await("the other server resolves it", LEASE.plus(RENEW).plus(MARGIN),
                    () -> !list(incidents, Incidents.State.RESOLVED).isEmpty());
            System.out.printf("incident evaluation taken over %d ms after the leader stopped%n",
                    Duration.ofNanos(System.nanoTime() - stopped).toMillis());
            assertTrue(passes.get(second.name()).get() > 0);
            assertNull(overlap.get(), "two servers evaluated at once");

            // Two evaluators that both believe they lead (a lease lost mid-pass) still emit each change once.
            bothEvaluate(any, writer);
            assertEmittedOnce(any.getBean(DataSource.class), 2);
        } finally {
            servers.forEach(Server::stop);
        }
    }

    private void bothEvaluate(ApplicationContext context, RunWriter writer) throws Exception {
        List<IncidentEvaluator> evaluators = List.of(evaluator(context), evaluator(context));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int minute = 5; minute < 12; minute++) {
                minute(writer, minute, minute < 9 ? Outcome.DOWN : Outcome.UP);
                List<Future<?>> both = new ArrayList<>();
                for (IncidentEvaluator evaluator : evaluators) {
                    both.add(threads.submit(() -> evaluator.pass(clock.instant())));
                }
                for (Future<?> pass : both) {
                    pass.get();
                }
            }
        }
    }

    private void assertEmittedOnce(DataSource dataSource, int incidents) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT subject, kind, COUNT(*) FROM state_changes GROUP BY subject, kind ORDER BY subject, kind")) {
            int subjects = 0;
            while (rows.next()) {
                assertEquals(1, rows.getInt(3), rows.getString(1) + " " + rows.getString(2) + " emitted more than once");
                subjects++;
            }
            assertEquals(2 * incidents, subjects, "each incident opened and resolved");
        }
    }

    private Server start(String name, Map<String, String> properties) {
        ApplicationContext context = ApplicationContext.builder().environments("test")
                .properties(Map.copyOf(properties)).start();
        IncidentEvaluator evaluator = evaluator(context);
        LeaderJob job = new LeaderJob("incidents-" + name, "Incidents: cannot evaluate", PASS_INTERVAL,
                context.getBean(LeaderLease.class), () -> {
                    if (evaluating.incrementAndGet() > 1) {
                        overlap.compareAndSet(null, name + " started while another was evaluating");
                    }
                    try {
                        passes.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                        evaluator.pass(clock.instant());
                    } finally {
                        evaluating.decrementAndGet();
                    }
                    return PASS_INTERVAL;
                });
        return new Server(name, context, job);
    }

    private IncidentEvaluator evaluator(ApplicationContext context) {
        return new IncidentEvaluator(context.getBean(IncidentStore.class), context.getBean(RunReader.class),
                context.getBean(StateChanges.class), context.getBean(MaintenanceCalendar.class),
                () -> List.of(CHECKOUT), clock);
    }

    private void minute(RunWriter writer, int minute, Outcome outcome) throws SQLException {
        clock.advance(Duration.between(clock.instant(), T0.plusSeconds(60L * minute + 5)));
        writer.write(List.of(run("checkout", "eu-west", T0.plusSeconds(60L * minute), outcome)));
    }

    private static List<Incident> list(Incidents incidents, Incidents.State state) {
        try {
            return incidents.list(state, "checkout", 10);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Server awaitLeader(List<Server> servers) throws InterruptedException {
        long deadline = System.nanoTime() + LEASE.plus(RENEW).plus(MARGIN).toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (Server server : servers) {
                if (server.context().getBean(LeaderLease.class).isLeader()) {
                    return server;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no leader");
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(20);
        }
    }

}

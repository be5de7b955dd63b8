package dev.dapple.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.slo.BurnRateRule;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every kind of state change survives the round trip, and one written in a rolled back transaction is gone. */
abstract class StateChangesContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    StateChanges changes;

    @Inject
    DataSource dataSource;

    @Test
    void everyKindIsStoredAndReadBackInOrder() throws SQLException {
        long before = last();
        List<StateChange> written = List.of(
                new StateChange.IncidentOpened("checkout", 7, T0, List.of("eu-west", "us-east"),
                        List.of(new StateChange.FailingStep("pay", "expected status 200, got 503")), false),
                new StateChange.IncidentResolved("checkout", 7, T0.plusSeconds(600), Duration.ofMinutes(10), true,
                        false),
                new StateChange.BurnAlertFired("checkout", "latency:login", "page-1h", BurnRateRule.Urgency.PAGE,
                        16.5, 14.4, T0, true),
                new StateChange.BurnAlertResolved("checkout", "availability", "ticket-3d",
                        BurnRateRule.Urgency.TICKET, T0.minusSeconds(3600), T0, false),
                new StateChange.DrillStarted(3, List.of("checkout", "login"), T0),
                new StateChange.DrillEnded(3, List.of("checkout", "login"), T0.plusSeconds(3600)));
        try (Connection connection = unwrapped().getConnection()) {
            connection.setAutoCommit(false);
            for (StateChange change : written) {
                changes.record(connection, change);
            }
            connection.commit();
        }
        List<StateChanges.Recorded> read = changes.after(before, 100);
        assertEquals(written, read.stream().map(StateChanges.Recorded::change).toList());
        for (int i = 1; i < read.size(); i++) {
            assertTrue(read.get(i).id() > read.get(i - 1).id(), "ids ascend in the order recorded");
        }
        assertEquals(List.of(), changes.after(read.getLast().id(), 100));
        assertEquals(2, changes.after(before, 2).size(), "the limit holds");
    }

    @Test
    void aChangeInARolledBackTransactionIsNotStored() throws SQLException {
        long before = last();
        try (Connection connection = unwrapped().getConnection()) {
            connection.setAutoCommit(false);
            changes.record(connection, new StateChange.DrillStarted(9, List.of("checkout"), T0));
            connection.rollback();
        }
        assertEquals(List.of(), changes.after(before, 100));
    }

    @Test
    void aSecondWriterWaitsForTheFirstToCommitSoIdsBecomeVisibleInOrder() throws Exception {
        long before = last();
        try (Connection first = unwrapped().getConnection()) {
            first.setAutoCommit(false);
            long firstId = changes.record(first, new StateChange.DrillStarted(21, List.of("checkout"), T0));
            CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = unwrapped().getConnection()) {
                    connection.setAutoCommit(false);
                    long id = changes.record(connection, new StateChange.DrillEnded(21, List.of("checkout"), T0));
                    connection.commit();
                    return id;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(second.isDone(), "the second writer waits while the first has not committed");
            assertEquals(List.of(), changes.after(before, 100), "nothing is visible before the first commits");
            first.commit();
            long secondId = second.get(10, TimeUnit.SECONDS);
            assertTrue(secondId > firstId);
        }
        assertEquals(2, changes.after(before, 100).size());
    }

    private long last() throws SQLException {
        List<StateChanges.Recorded> all = changes.after(0, Integer.MAX_VALUE);
        return all.isEmpty() ? 0 : all.getLast().id();
    }

    private DataSource unwrapped() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.database.Transactions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import dev.dapple.leader.LeaderLease;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A server stopped with messages still pending delivers them after it starts again on the same store: its leader's
 * {@link AlertJob} sends them, nobody calls the dispatcher by hand.
 */
class DeliveryRestartTest {

    @Test
    void pendingMessagesAreDeliveredAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("dapple-delivery-restart-");
        try (Receiver receiver = Receiver.start()) {
            receiver.script(Receiver.Answer.status(503));
            Map<String, Object> properties = Map.of(
                    "dapple.db.url", "jdbc:h2:file:" + dir.resolve("dapple")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                    "dapple.data-dir", dir.toString(),
                    "dapple.channels.rec.type", RecordingChannelType.TYPE,
                    "dapple.channels.rec.url", receiver.url());
            try (ApplicationContext first = ApplicationContext.run(properties, Environment.TEST)) {
                DataSource dataSource = DelegatingDataSource.unwrapDataSource(first.getBean(DataSource.class));
                Outbox outbox = first.getBean(Outbox.class);
                for (Alert.Kind kind : List.of(Alert.Kind.TRIGGER, Alert.Kind.NOTICE)) {
                    Transactions.inTransaction(dataSource::getConnection, transaction -> outbox.enqueue(transaction,
                            "rec", DispatcherContract.alert(kind, "checkout/incident-3"), null));
                }
                first.getBean(Dispatcher.class).pass(Instant.now()); // refused: both still pending
                assertEquals(2, outbox.list(Outbox.State.PENDING, 10).size());
            }
            try (ApplicationContext second = ApplicationContext.run(properties, Environment.TEST)) {
                // The job the application runs (tests' contexts leave it out), on this server's lease, passing often.
                var often = new AlertDeliveryConfiguration(Duration.ofMillis(100), Duration.ofHours(24),
                        Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofMinutes(5));
                Dispatcher dispatcher = second.getBean(Dispatcher.class);
                AlertJob job = new AlertJob(dispatcher, often, second.getBean(LeaderLease.class), Clock.systemUTC());
                try {
                    receiver.awaitRequests(3);
                } finally {
                    job.stop();
                }
                dispatcher.awaitIdle(); // the job does not wait for the work it starts

                assertEquals(List.of(), second.getBean(Outbox.class).list(Outbox.State.PENDING, 10));
                assertEquals(List.of("TRIGGER", "TRIGGER", "NOTICE"),
                        receiver.received().stream().map(Receiver.Received::kind).toList());
            }
        }
    }
}

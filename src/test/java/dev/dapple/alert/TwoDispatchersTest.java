package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.database.TestStores;
import dev.dapple.database.Transactions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two servers that both believe they lead, each with its own dispatcher on one store, passing at the same time over
 * queued messages while the receiver takes a while to answer each, so their attempts overlap: the claims make every
 * message reach the receiver exactly once, in order.
 */
class TwoDispatchersTest {

    static final int MESSAGES = 20;

    @Test
    @EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
            disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL two-dispatcher test skipped")
    void onPostgres() throws Exception {
        TestStores.onFreshPostgresSchema(this::eachMessageOnce);
    }

    @Test
    void onH2() throws Exception {
        eachMessageOnce(TestStores.sharedH2("two_dispatchers"));
    }

    private void eachMessageOnce(Map<String, String> store) throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.delayEachAnswer(Duration.ofMillis(50));
            var properties = new HashMap<String, Object>(store);
            properties.put("dapple.channels.rec.type", RecordingChannelType.TYPE);
            properties.put("dapple.channels.rec.url", receiver.url());
            properties.put("dapple.channels.other.type", RecordingChannelType.TYPE);
            properties.put("dapple.channels.other.url", receiver.url());
            try (ApplicationContext one = ApplicationContext.run(properties, Environment.TEST);
                 ApplicationContext two = ApplicationContext.run(properties, Environment.TEST)) {
                DataSource dataSource = DelegatingDataSource.unwrapDataSource(one.getBean(DataSource.class));
                Outbox outbox = one.getBean(Outbox.class);
                for (int i = 0; i < MESSAGES; i++) {
                    String channel = i % 2 == 0 ? "rec" : "other";
                    Alert alert = DispatcherContract.alert(Alert.Kind.NOTICE, "notice-" + i);
                    Transactions.inTransaction(dataSource::getConnection,
                            transaction -> outbox.enqueue(transaction, channel, alert, null));
                }
                Instant now = Instant.now().plusSeconds(1);
                List<Dispatcher> dispatchers = List.of(one.getBean(Dispatcher.class), two.getBean(Dispatcher.class));
                var start = new CyclicBarrier(2);
                try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int round = 0; round < 3; round++) {
                        List<Future<Object>> passes = dispatchers.stream().map(dispatcher -> threads.submit(() -> {
                            start.await();
                            dispatcher.pass(now);
                            return null;
                        })).toList();
                        for (Future<Object> pass : passes) {
                            pass.get();
                        }
                    }
                }

                Map<String, Long> perMessage = receiver.received().stream()
                        .collect(Collectors.groupingBy(Receiver.Received::messageId, Collectors.counting()));
                assertEquals(MESSAGES, perMessage.size(), "every message arrived");
                assertEquals(Map.of(1L, (long) MESSAGES), perMessage.values().stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())), "each once");
                for (String channel : List.of("rec", "other")) {
                    List<String> keys = receiver.received().stream().filter(r -> isOf(channel, r.key()))
                            .map(Receiver.Received::key).toList();
                    assertEquals(keys.stream().sorted((a, b) -> number(a) - number(b)).toList(), keys,
                            channel + " in order");
                }
                assertEquals(List.of(), outbox.list(Outbox.State.PENDING, 100));
            }
        }
    }

    private static boolean isOf(String channel, String key) {
        return (number(key) % 2 == 0) == channel.equals("rec");
    }

    private static int number(String key) {
        return Integer.parseInt(key.substring("notice-".length()));
    }
}

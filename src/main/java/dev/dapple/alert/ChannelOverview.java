package dev.dapple.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.database.Transactions;
import dev.dapple.journey.Severity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** The configured channels as the API shows them (never their fields: URLs and keys are secrets), and test messages. */
@Singleton
final class ChannelOverview {

    /**
     * One channel's delivery health.
     *
     * @param healthy null while nothing was ever sent to it
     */
    @Serdeable
    record ChannelView(String name, String type, boolean drills, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Boolean healthy,
                       @Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable Instant lastSentAt,
                       long pending, long dead) {
    }

    private final Channels channels;
    private final ChannelHealth health;
    private final OutboxQueue queue;
    private final Outbox outbox;
    private final DataSource dataSource;

    ChannelOverview(Channels channels, ChannelHealth health, OutboxQueue queue, Outbox outbox, DataSource dataSource) {
        this.channels = channels;
        this.health = health;
        this.queue = queue;
        this.outbox = outbox;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    List<ChannelView> list() throws SQLException {
        Map<String, ChannelHealth.Health> healths = health.all();
        Map<String, Map<Outbox.State, Long>> counts = queue.counts();
        return channels.all().stream().map(channel -> {
            ChannelHealth.Health h = healths.get(channel.name());
            Map<Outbox.State, Long> count = counts.getOrDefault(channel.name(), Map.of());
            return new ChannelView(channel.name(), channel.settings().type(), channel.settings().drills(),
                    h == null ? null : h.healthy(), h == null ? null : h.lastError(), h == null ? null : h.lastErrorAt(),
                    h == null ? null : h.lastSentAt(), count.getOrDefault(Outbox.State.PENDING, 0L),
                    count.getOrDefault(Outbox.State.DEAD, 0L));
        }).toList();
    }

    /** Queues a test message for {@code channel} (configured); the dispatcher sends it like any other. */
    Outbox.Entry queueTest(String channel, Instant now) throws SQLException {
        String key = "test/" + channel + "/" + UUID.randomUUID();
        Alert alert = new Alert(Alert.Kind.TEST, key, "Test message from Dapple to channel " + channel,
                Severity.LOW, null, null, null,
                "Sent by POST /api/channels/" + channel + "/test: if you read this, the channel works.",
                List.of(), List.of(), now, now, null, null, false, Map.of());
        Transactions.inTransaction(dataSource::getConnection, transaction ->
                outbox.enqueue(transaction, channel, alert, null));
        return queue.newest(channel, key).orElseThrow();
    }
}

package dev.dapple.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of alert messages, one row per message and channel. Messages are queued on the caller's
 * transaction, so a message exists exactly when the event it announces was committed.
 */
public interface Outbox {

    /** The key of an incident's messages (trigger, reminders, resolve), e.g. {@code checkout/incident-12}. */
    static String incidentKey(String journey, long incident) {
        return journey + "/incident-" + incident;
    }

    /** Where a message is in its life. */
    enum State {
        /** Waiting to be sent, or to be retried. */
        PENDING,
        /** The receiver accepted it. */
        SENT,
        /** Given up: a 4xx other than 408/429, or older than the maximum age. Can be replayed. */
        DEAD,
        /**
         * Not sent because it no longer mattered: a trigger whose incident resolved before it went out (with its
         * reminders), a reminder of an incident acknowledged or resolved meanwhile.
         */
        DROPPED
    }

    /** A message as stored, for the API and the dispatcher. */
    @Serdeable
    record Entry(long id, String messageId, String channel, Alert.Kind kind, String key, State state, int attempts,
                 Instant createdAt, Instant nextAttemptAt, @Nullable Instant finishedAt, @Nullable String lastError,
                 Alert alert) {

        public OutboxMessage message() {
            return new OutboxMessage(id, messageId, channel, alert);
        }
    }

    /**
     * Queues {@code alert} for {@code channel} on {@code transaction} (not committed here).
     *
     * @param dedupKey when not null, at most one message per channel carries it: the event it stands for (a state
     *                 change, a file's content hash)
     * @return false when a message with that dedup key was already queued for the channel (nothing is written)
     */
    boolean enqueue(Connection transaction, String channel, Alert alert, @Nullable String dedupKey)
            throws SQLException;

    /** The channels that were queued a trigger of {@code key}, in any state, by name; read on {@code connection}. */
    List<String> triggeredChannels(Connection connection, String key) throws SQLException;

    /**
     * The alert of the latest trigger queued with {@code key}, read on {@code connection}.
     *
     * @throws java.io.UncheckedIOException when its stored JSON cannot be read
     */
    Optional<Alert> latestTrigger(Connection connection, String key) throws SQLException;

    /** Messages in {@code state} (all when null), newest first, at most {@code limit}. */
    List<Entry> list(@Nullable State state, int limit) throws SQLException;

    /** The messages queued with any of {@code keys}, oldest first: what was sent about these incidents. */
    List<Entry> withKeys(Collection<String> keys) throws SQLException;
}

package dev.dapple.alert;

import dev.dapple.database.Timestamps;
import dev.dapple.database.Transactions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox as the dispatcher and the API work it: the head of each channel's queue, claims, outcomes, replays.
 * Every change to a pending row is guarded by its state and its claim: a row is claimed before its request is sent,
 * and only the owner of the claim records its outcome. So two servers that both believe they lead never both send
 * one message, and a server whose claim ran out while it waited for an answer changes nothing when it finally gets
 * one.
 */
@Singleton
final class OutboxQueue {

    /** A pending row with what only the dispatcher needs. */
    record Head(Outbox.Entry entry, boolean reached, Instant agedFrom) {
    }

    /** A pending row taken by one attempt: only its {@code owner} records the outcome. */
    record Claim(long id, String owner) {
    }

    /** What a replay came to. */
    sealed interface Replay {
        record Done(Outbox.Entry entry) implements Replay {
        }

        record Unknown() implements Replay {
        }

        record NotDead(Outbox.State state) implements Replay {
        }

        /** A dead trigger whose incident resolved: sending it now would open an alert nobody closes. */
        record Resolved() implements Replay {
        }
    }

    private static final String UNCLAIMED = " AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)";
    /** An outcome counts only from the attempt that holds the claim: a claim that ran out may be someone else's now. */
    private static final String CLAIMED_BY = " AND state = 'PENDING' AND claimed_by = ?";

    private final DataSource dataSource;
    private final JdbcOutbox outbox;

    OutboxQueue(DataSource dataSource, JdbcOutbox outbox) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.outbox = outbox;
    }

    /** The oldest pending message of {@code channel}: the only one that may be sent next. */
    Optional<Head> head(String channel) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + JdbcOutbox.COLUMNS
                     + ", reached, replayed_at FROM outbox WHERE channel = ? AND state = 'PENDING' ORDER BY id LIMIT 1")) {
            select.setString(1, channel);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Outbox.Entry entry = outbox.entry(rows);
                Instant replayed = Timestamps.instant(rows, "replayed_at");
                return Optional.of(new Head(entry, rows.getBoolean("reached"),
                        replayed == null ? entry.createdAt() : replayed));
            }
        }
    }

    /** The pending resolve queued after trigger {@code id} for the same key and channel, if any. */
    Optional<Long> pendingResolve(Outbox.Entry trigger) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM outbox WHERE channel = ?"
                     + " AND alert_key = ? AND kind = 'RESOLVE' AND state = 'PENDING' AND id > ? ORDER BY id LIMIT 1")) {
            select.setString(1, trigger.channel());
            select.setString(2, trigger.key());
            select.setLong(3, trigger.id());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Takes message {@code id} for one attempt until {@code until}; empty when someone else has it or it is done. */
    Optional<Claim> claim(long id, Instant now, Instant until) throws SQLException {
        Claim claim = new Claim(id, UUID.randomUUID().toString());
        return update("UPDATE outbox SET claimed_until = ?, claimed_by = ? WHERE id = ?" + UNCLAIMED,
                Timestamps.of(until), claim.owner(), id, Timestamps.of(now)) == 1 ? Optional.of(claim) : Optional.empty();
    }

    /** Ends an unclaimed pending message without sending it (dead or dropped); false when someone else acted. */
    boolean finishUnclaimed(long id, Outbox.State state, Instant now, String reason) throws SQLException {
        return update("UPDATE outbox SET state = ?, finished_at = ?, last_error = ? WHERE id = ?" + UNCLAIMED,
                state.name(), Timestamps.of(now), clip(reason), id, Timestamps.of(now)) == 1;
    }

    /**
     * Drops an unclaimed pending trigger made moot by {@code resolve}, with the reminders queued for it in between and,
     * when {@code withResolve}, the resolve itself, in one transaction; false when someone else acted on it first.
     */
    boolean drop(Outbox.Entry trigger, long resolve, boolean withResolve, Instant now, String reason)
            throws SQLException {
        return Transactions.inTransaction(dataSource::getConnection, transaction -> {
            if (Jdbc.update(transaction, "UPDATE outbox SET state = 'DROPPED', finished_at = ?, last_error = ?"
                    + " WHERE id = ?" + UNCLAIMED, Timestamps.of(now), clip(reason), trigger.id(), Timestamps.of(now)) != 1) {
                return false;
            }
            Jdbc.update(transaction, "UPDATE outbox SET state = 'DROPPED', finished_at = ?, last_error = ?"
                    + " WHERE channel = ? AND alert_key = ? AND kind = 'REMINDER' AND state = 'PENDING'"
                    + " AND id > ? AND id < ?", Timestamps.of(now), "dropped with its trigger",
                    trigger.channel(), trigger.key(), trigger.id(), resolve);
            if (withResolve) {
                Jdbc.update(transaction, "UPDATE outbox SET state = 'DROPPED', finished_at = ?, last_error = ?"
                        + " WHERE id = ? AND state = 'PENDING'", Timestamps.of(now),
                        "dropped with its trigger, which never reached the receiver", resolve);
            }
            return true;
        });
    }

    /** The claimed message was delivered (or had nothing to send: {@code note} says why); false when the claim was lost. */
    boolean sent(Claim claim, Instant now, boolean attempted, @Nullable String note) throws SQLException {
        return update("UPDATE outbox SET state = 'SENT', finished_at = ?, attempts = attempts + ?, last_error = ?,"
                + " claimed_until = NULL, claimed_by = NULL WHERE id = ?" + CLAIMED_BY, Timestamps.of(now),
                attempted ? 1 : 0, clip(note), claim.id(), claim.owner()) == 1;
    }

    /** The claimed message failed for good; false when the claim was lost. */
    boolean dead(Claim claim, Instant now, String error) throws SQLException {
        return update("UPDATE outbox SET state = 'DEAD', finished_at = ?, attempts = attempts + 1, last_error = ?,"
                + " claimed_until = NULL, claimed_by = NULL WHERE id = ?" + CLAIMED_BY, Timestamps.of(now),
                clip(error), claim.id(), claim.owner()) == 1;
    }

    /** The claimed message failed for now: try again at {@code next}; false when the claim was lost. */
    boolean retry(Claim claim, Instant next, String error, boolean reached) throws SQLException {
        return update("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                + " reached = (reached OR ?), claimed_until = NULL, claimed_by = NULL WHERE id = ?" + CLAIMED_BY,
                Timestamps.of(next), clip(error), reached, claim.id(), claim.owner()) == 1;
    }

    /** Channels with pending messages, configured or not. */
    List<String> channelsWithPending() throws SQLException {
        return strings("SELECT DISTINCT channel FROM outbox WHERE state = 'PENDING' ORDER BY channel");
    }

    /** Sent triggers of {@code channel} with no resolve queued for their key: the alerts still firing there. */
    List<Outbox.Entry> firing(String channel) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + JdbcOutbox.COLUMNS + " FROM outbox t"
                     + " WHERE channel = ? AND kind = 'TRIGGER' AND state = 'SENT' AND NOT EXISTS (SELECT 1 FROM outbox r"
                     + " WHERE r.channel = t.channel AND r.alert_key = t.alert_key AND r.kind = 'RESOLVE') ORDER BY id")) {
            select.setString(1, channel);
            return entries(select);
        }
    }

    Optional<Outbox.Entry> byId(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + JdbcOutbox.COLUMNS + " FROM outbox WHERE id = ?")) {
            select.setLong(1, id);
            return entries(select).stream().findFirst();
        }
    }

    /** The newest message of {@code channel} with {@code key}. */
    Optional<Outbox.Entry> newest(String channel, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + JdbcOutbox.COLUMNS
                     + " FROM outbox WHERE channel = ? AND alert_key = ? ORDER BY id DESC LIMIT 1")) {
            select.setString(1, channel);
            select.setString(2, key);
            return entries(select).stream().findFirst();
        }
    }

    /** Puts a dead message back in its queue, due now, with a fresh maximum age and fresh backoff. */
    Replay replay(long id, Instant now) throws SQLException {
        Optional<Outbox.Entry> found = byId(id);
        if (found.isEmpty()) {
            return new Replay.Unknown();
        }
        Outbox.Entry entry = found.get();
        if (entry.state() != Outbox.State.DEAD) {
            return new Replay.NotDead(entry.state());
        }
        if (entry.kind() == Alert.Kind.TRIGGER && !strings("SELECT id FROM outbox WHERE channel = ? AND alert_key = ?"
                + " AND kind = 'RESOLVE'", entry.channel(), entry.key()).isEmpty()) {
            return new Replay.Resolved();
        }
        if (update("UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at = ?, replayed_at = ?,"
                + " finished_at = NULL, claimed_until = NULL, claimed_by = NULL WHERE id = ? AND state = 'DEAD'", Timestamps.of(now),
                Timestamps.of(now), id) != 1) {
            return replay(id, now); // replayed or changed meanwhile: answer for what it is now
        }
        return new Replay.Done(byId(id).orElseThrow());
    }

    /** Messages by channel and state. */
    Map<String, Map<Outbox.State, Long>> counts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT channel, state, COUNT(*) FROM outbox GROUP BY channel, state");
             ResultSet rows = select.executeQuery()) {
            Map<String, Map<Outbox.State, Long>> counts = new TreeMap<>();
            while (rows.next()) {
                counts.computeIfAbsent(rows.getString(1), c -> new EnumMap<>(Outbox.State.class))
                        .put(Outbox.State.valueOf(rows.getString(2)), rows.getLong(3));
            }
            return counts;
        }
    }

    private List<Outbox.Entry> entries(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<Outbox.Entry> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(outbox.entry(rows));
            }
            return entries;
        }
    }

    private List<String> strings(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = Jdbc.prepare(connection, sql, values);
             ResultSet rows = select.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Jdbc.update(connection, sql, values);
        }
    }

    static @Nullable String clip(@Nullable String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }
}

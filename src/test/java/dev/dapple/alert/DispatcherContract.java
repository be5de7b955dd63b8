package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Receiver.Answer;
import dev.dapple.database.Timestamps;
import dev.dapple.database.Transactions;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Severity;
import dev.dapple.leader.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real local receiver on a real database ({@link H2DispatcherTest},
 * {@link PostgresDispatcherTest}). Messages are queued with a {@link MutableClock} and every pass is given an explicit
 * time; the jitter always takes its upper bound, so each wait is exact.
 */
abstract class DispatcherContract implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** The jitter's largest draw: a wait is always its upper bound. */
    static final RandomGenerator LONGEST = () -> -1L;

    final Receiver receiver = Receiver.start();

    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;
    @Inject
    Channels channels;
    @Inject
    OutboxQueue queue;
    @Inject
    ChannelHealth health;
    @Inject
    MeterRegistry metrics;
    @Inject
    Incidents incidents;

    /** The dispatchers' clock: each pass sets it to the pass's time, so it reads as the pass's "now". */
    final MutableClock clock = new MutableClock(T0);

    JdbcOutbox outbox;
    Dispatcher dispatcher;
    final List<Dispatcher> created = new ArrayList<>();

    /** The store's properties. */
    abstract Map<String, String> store();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(store());
        properties.put("dapple.channels.rec.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.rec.url", receiver.url());
        properties.put("dapple.channels.firing.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.firing.url", receiver.url());
        properties.put("dapple.channels.firing.resend-every", "PT5M");
        properties.put("dapple.channels.slow.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.slow.url", receiver.url());
        properties.put("dapple.channels.down.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.down.url", "http://127.0.0.1:" + closedPort() + "/alerts");
        return properties;
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection connection = unwrapped().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM outbox");
            statement.execute("DELETE FROM alert_channels");
            statement.execute("DELETE FROM incidents");
        }
        receiver.reset();
        metrics.clear();
        clockAt(T0);
        outbox = new JdbcOutbox(dataSource, json, new MutableClock(T0));
        dispatcher = dispatcher(AlertDeliveryConfiguration.defaults());
    }

    @AfterEach
    void closeDispatchers() {
        created.forEach(Dispatcher::close);
        created.clear();
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    Dispatcher dispatcher(AlertDeliveryConfiguration config) {
        Dispatcher made = new Dispatcher(channels, queue, health, incidents, config, metrics, clock, LONGEST);
        created.add(made);
        return made;
    }

    @Test
    void serverErrorsAreRetriedWithDoublingWaitsUntilDeliveredOnceWithTheSameMessageId() throws Exception {
        receiver.script(Answer.status(500), Answer.status(500), Answer.status(500));
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");

        passAt(dispatcher, T0);
        assertEquals(T0.plusSeconds(1), entry(id).nextAttemptAt(), "the first retry waits up to the base, 1 s");
        assertEquals("HTTP 500: status 500", entry(id).lastError());
        passAt(dispatcher, T0.plusMillis(999));
        assertEquals(1, receiver.received().size(), "not before its time");
        passAt(dispatcher, T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(3), entry(id).nextAttemptAt(), "then 2 s");
        passAt(dispatcher, T0.plusSeconds(3));
        assertEquals(T0.plusSeconds(7), entry(id).nextAttemptAt(), "then 4 s");
        passAt(dispatcher, T0.plusSeconds(7));

        Outbox.Entry sent = entry(id);
        assertEquals(Outbox.State.SENT, sent.state());
        assertEquals(4, sent.attempts());
        assertEquals(T0.plusSeconds(7), sent.finishedAt());
        List<Receiver.Received> received = receiver.received();
        assertEquals(4, received.size());
        assertTrue(received.stream().allMatch(r -> r.messageId().equals(sent.messageId())), received.toString());
        assertEquals(new ChannelHealth.Health(true, "HTTP 500: status 500", T0.plusSeconds(3), T0.plusSeconds(7)),
                health.get("rec").orElseThrow());
        passAt(dispatcher, T0.plusSeconds(60));
        assertEquals(4, receiver.received().size(), "delivered once: never again");
        assertEquals(3, metrics.counter("dapple.alerts", "channel", "rec", "outcome", "retried").count());
        assertEquals(1, metrics.counter("dapple.alerts", "channel", "rec", "outcome", "sent").count());
    }

    @Test
    void anUnreachableReceiverIsRetriedAndItsTriggerDroppedWithTheResolve() throws Exception {
        long trigger = enqueue("down", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);

        Outbox.Entry waiting = entry(trigger);
        assertEquals(Outbox.State.PENDING, waiting.state());
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.lastError().startsWith("could not connect"), waiting.lastError());
        assertFalse(waiting.lastError().contains("127.0.0.1"), "never the URL: " + waiting.lastError());
        assertEquals(false, health.get("down").orElseThrow().healthy());

        long resolve = enqueue("down", Alert.Kind.RESOLVE, "checkout/incident-1");
        passAt(dispatcher, T0.plusSeconds(1));
        assertEquals(Outbox.State.DROPPED, entry(trigger).state(), "it never reached the receiver");
        assertEquals(Outbox.State.DROPPED, entry(resolve).state());
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() throws Exception {
        receiver.script(new Answer(429, Map.of("Retry-After", "120"), "slow down", false));
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");

        passAt(dispatcher, T0);
        assertEquals(T0.plusSeconds(120), entry(id).nextAttemptAt());
        passAt(dispatcher, T0.plusSeconds(119));
        assertEquals(1, receiver.received().size());
        passAt(dispatcher, T0.plusSeconds(120));

        assertEquals(2, receiver.received().size());
        assertEquals(Outbox.State.SENT, entry(id).state());
    }

    @Test
    void aClientErrorIsNotRetriedTheMessageDiesAndTheChannelTurnsUnhealthy() throws Exception {
        receiver.script(new Answer(400, Map.of(), "{\"error\": \"invalid\n routing key\"}", false));
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");

        passAt(dispatcher, T0);
        passAt(dispatcher, T0.plus(Duration.ofHours(1)));

        Outbox.Entry dead = entry(id);
        assertEquals(Outbox.State.DEAD, dead.state());
        assertEquals("HTTP 400: {\"error\": \"invalid routing key\"}", dead.lastError());
        assertEquals(1, dead.attempts());
        assertEquals(1, receiver.received().size(), "never retried");
        assertEquals(new ChannelHealth.Health(false, "HTTP 400: {\"error\": \"invalid routing key\"}", T0, null),
                health.get("rec").orElseThrow());
    }

    @Test
    void aResolveQueuedBeforeItsTriggerWentOutDropsBoth() throws Exception {
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");

        passAt(dispatcher, T0);

        assertEquals(List.of(), receiver.received());
        assertEquals(Outbox.State.DROPPED, entry(trigger).state());
        assertEquals("its incident resolved before it was sent", entry(trigger).lastError());
        assertEquals(Outbox.State.DROPPED, entry(resolve).state());
    }

    @Test
    void aTriggerRefusedWith503AndThenResolvedIsDroppedWithItsResolveAtOnce() throws Exception {
        receiver.script(Answer.status(503));
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");

        passAt(dispatcher, T0.plusMillis(10)); // before the trigger's retry is due

        assertEquals(1, receiver.received().size(), "the refused attempt only");
        assertEquals(Outbox.State.DROPPED, entry(trigger).state());
        assertEquals(Outbox.State.DROPPED, entry(resolve).state());
    }

    @Test
    void aTriggerThatMayHaveReachedTheReceiverStillGetsItsResolve() throws Exception {
        Dispatcher impatient = dispatcher(new AlertDeliveryConfiguration(Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMinutes(5)));
        receiver.script(Answer.hanging());
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(impatient, T0);
        assertEquals("no answer within 300 ms", entry(trigger).lastError());
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");

        passAt(impatient, T0.plusSeconds(2));

        assertEquals(Outbox.State.DROPPED, entry(trigger).state());
        assertEquals(Outbox.State.SENT, entry(resolve).state());
        assertEquals(List.of("TRIGGER", "RESOLVE"), kinds());
    }

    @Test
    void aResolveIsSentWhenItsTriggerDied() throws Exception {
        receiver.script(Answer.status(404));
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");
        passAt(dispatcher, T0.plusSeconds(1));

        assertEquals(Outbox.State.DEAD, entry(trigger).state());
        assertEquals(Outbox.State.SENT, entry(resolve).state());
        assertEquals(List.of("TRIGGER", "RESOLVE"), kinds());
    }

    @Test
    void aMessageWaitingForItsRetryHoldsBackTheChannelsLaterOnesSoOrderHolds() throws Exception {
        receiver.script(Answer.status(502));
        enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long notice = enqueue("rec", Alert.Kind.NOTICE, "journeys/invalid");
        passAt(dispatcher, T0.plusMillis(500));
        assertEquals(Outbox.State.PENDING, entry(notice).state(), "queued behind the trigger");
        passAt(dispatcher, T0.plusSeconds(1));
        enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");
        passAt(dispatcher, T0.plusSeconds(2));

        assertEquals(List.of("TRIGGER", "TRIGGER", "NOTICE", "RESOLVE"), kinds());
        assertEquals(List.of(Outbox.State.SENT), all().stream().map(Outbox.Entry::state).distinct().toList());
    }

    @Test
    void aMessageOlderThanTheMaximumAgeDiesAndAReplaySendsItWithAFreshAge() throws Exception {
        receiver.script(Answer.status(503));
        long id = enqueue("rec", Alert.Kind.NOTICE, "journeys/invalid");
        passAt(dispatcher, T0);
        passAt(dispatcher, T0.plus(Duration.ofHours(24)));

        Outbox.Entry dead = entry(id);
        assertEquals(Outbox.State.DEAD, dead.state());
        assertEquals("gave up after 1d: HTTP 503: status 503", dead.lastError());
        assertEquals(1, receiver.received().size());

        Instant replayedAt = T0.plus(Duration.ofHours(30));
        var replayed = (OutboxQueue.Replay.Done) queue.replay(id, replayedAt);
        assertEquals(Outbox.State.PENDING, replayed.entry().state());
        assertEquals(0, replayed.entry().attempts());
        assertEquals(replayedAt, replayed.entry().nextAttemptAt());
        assertNull(replayed.entry().finishedAt());
        passAt(dispatcher, replayedAt);

        assertEquals(Outbox.State.SENT, entry(id).state());
        assertEquals(2, receiver.received().size());
    }

    @Test
    void onlyDeadMessagesCanBeReplayedAndNotATriggerWhoseIncidentResolved() throws Exception {
        receiver.script(Answer.status(400));
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");
        passAt(dispatcher, T0);

        assertEquals(new OutboxQueue.Replay.Resolved(), queue.replay(trigger, T0));
        assertEquals(new OutboxQueue.Replay.NotDead(Outbox.State.SENT), queue.replay(resolve, T0));
        assertEquals(new OutboxQueue.Replay.Unknown(), queue.replay(resolve + 1000, T0));
        assertEquals(Outbox.State.DEAD, entry(trigger).state());
    }

    @Test
    void messagesForAChannelNoLongerConfiguredDie() throws Exception {
        long id = enqueue("retired-pager", Alert.Kind.TRIGGER, "checkout/incident-1");

        passAt(dispatcher, T0);

        assertEquals(Outbox.State.DEAD, entry(id).state());
        assertEquals("channel retired-pager is not configured", entry(id).lastError());
    }

    @Test
    void aMessageTheTypeHasNothingToSendForIsDoneWithANote() throws Exception {
        long id = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-1");

        passAt(dispatcher, T0);

        assertEquals(Outbox.State.SENT, entry(id).state());
        assertEquals(0, entry(id).attempts());
        assertEquals("nothing to send: recording ignores reminder messages", entry(id).lastError());
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void aFiringAlertIsSentAgainEveryIntervalUntilItsResolveIsQueued() throws Exception {
        long trigger = enqueue("firing", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        passAt(dispatcher, T0.plus(Duration.ofMinutes(4)));
        assertEquals(1, receiver.received().size());
        passAt(dispatcher, T0.plus(Duration.ofMinutes(5)));
        passAt(dispatcher, T0.plus(Duration.ofMinutes(7)));
        passAt(dispatcher, T0.plus(Duration.ofMinutes(10)));
        assertEquals(List.of("TRIGGER", "TRIGGER", "TRIGGER"), kinds());
        assertTrue(receiver.received().getLast().body().contains(T0.plus(Duration.ofMinutes(10)).toString()),
                "built anew, with the time of the re-send");
        String messageId = entry(trigger).messageId();
        assertTrue(receiver.received().stream().allMatch(r -> r.messageId().equals(messageId)));

        enqueue("firing", Alert.Kind.RESOLVE, "checkout/incident-1");
        passAt(dispatcher, T0.plus(Duration.ofMinutes(15)));
        passAt(dispatcher, T0.plus(Duration.ofMinutes(30)));

        assertEquals(List.of("TRIGGER", "TRIGGER", "TRIGGER", "RESOLVE"), kinds());
        assertEquals(2, all().size(), "re-sends are not queued");
    }

    @Test
    void aChannelWithoutResendIntervalSendsAFiringAlertOnce() throws Exception {
        enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        passAt(dispatcher, T0.plus(Duration.ofHours(2)));
        assertEquals(1, receiver.received().size());
    }

    @Test
    void outcomesTakeTheClocksTimeOfTheAttemptNotThePasssDueTime() throws Exception {
        receiver.script(Answer.status(500));
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");

        clockAt(T0.plusSeconds(30)); // the pass was due at T0 and got to this message 30 s later
        dispatcher.pass(T0);
        assertEquals(T0.plusSeconds(31), entry(id).nextAttemptAt(), "the 1 s backoff counts from the attempt");
        assertEquals(T0.plusSeconds(30), health.get("rec").orElseThrow().lastErrorAt());

        clockAt(T0.plusSeconds(40));
        dispatcher.pass(T0.plusSeconds(31));
        assertEquals(T0.plusSeconds(40), entry(id).finishedAt());
        assertEquals(T0.plusSeconds(40), health.get("rec").orElseThrow().lastSentAt());
    }

    @Test
    void aResolveQueuedBehindATriggerAnswered5xxOr408IsStillSentForTheReceiverMayHaveOpenedIt() throws Exception {
        for (int status : List.of(500, 502, 504, 408)) {
            receiver.reset();
            receiver.script(Answer.status(status));
            String key = "checkout/incident-" + status;
            long trigger = enqueue("rec", Alert.Kind.TRIGGER, key);
            passAt(dispatcher, T0);
            long resolve = enqueue("rec", Alert.Kind.RESOLVE, key);

            passAt(dispatcher, T0.plusMillis(10)); // before the trigger's retry is due

            assertEquals(Outbox.State.DROPPED, entry(trigger).state(), "HTTP " + status);
            assertEquals("its incident resolved before it was confirmed; the resolve is sent",
                    entry(trigger).lastError());
            assertEquals(Outbox.State.SENT, entry(resolve).state(), "HTTP " + status);
            assertEquals(List.of("TRIGGER", "RESOLVE"), kinds(), "HTTP " + status);
        }
    }

    @Test
    void aTriggerRefusedWith429AndThenResolvedIsDroppedWithItsResolve() throws Exception {
        receiver.script(Answer.status(429));
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");

        passAt(dispatcher, T0.plusMillis(10));

        assertEquals(Outbox.State.DROPPED, entry(trigger).state());
        assertEquals(Outbox.State.DROPPED, entry(resolve).state());
        assertEquals(List.of("TRIGGER"), kinds());
    }

    @Test
    void aReminderOfAnAcknowledgedIncidentIsDroppedNotSent() throws Exception {
        long incident = insertIncident();
        long open = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-" + incident);
        passAt(dispatcher, T0);
        assertEquals(Outbox.State.SENT, entry(open).state(), "open and unacknowledged: it goes out");

        long first = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-" + incident);
        long second = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-" + incident);
        incidents.acknowledge(incident, "ana", T0.plusSeconds(5));
        passAt(dispatcher, T0.plusSeconds(10));

        for (long id : List.of(first, second)) {
            assertEquals(Outbox.State.DROPPED, entry(id).state());
            assertEquals("its incident was acknowledged", entry(id).lastError());
            assertEquals(T0.plusSeconds(10), entry(id).finishedAt());
        }
    }

    @Test
    void aReminderOfAResolvedIncidentIsDroppedNotSent() throws Exception {
        long incident = insertIncident();
        Alert reminder = new Alert(Alert.Kind.REMINDER, "checkout/incident-" + incident, "still open",
                Severity.HIGH, "checkout", null, null, null, List.of(), List.of(), T0, T0, null, null, false,
                Map.of("incident", Long.toString(incident)));
        Transactions.inTransaction(unwrapped()::getConnection,
                transaction -> outbox.enqueue(transaction, "rec", reminder, null));
        long id = outbox.list(null, 1).getFirst().id();
        sql("UPDATE incidents SET ended_at = ?, resolved_at = ? WHERE id = ?", T0, T0, incident);

        passAt(dispatcher, T0.plusSeconds(1));

        assertEquals(Outbox.State.DROPPED, entry(id).state());
        assertEquals("its incident was resolved", entry(id).lastError());
    }

    @Test
    void theIncidentOfAnAlertComesFromItsDetailOrElseItsKey() {
        assertEquals(java.util.Optional.of(12L), Dispatcher.incidentOf(alert(Alert.Kind.REMINDER, "checkout/incident-12")));
        assertEquals(java.util.Optional.empty(), Dispatcher.incidentOf(alert(Alert.Kind.REMINDER, "journeys/invalid")));
        assertEquals(java.util.Optional.empty(),
                Dispatcher.incidentOf(alert(Alert.Kind.REMINDER, "checkout/incident-99999999999999999999")));
    }

    @Test
    void theRemindersOfADroppedTriggerAreDroppedWithIt() throws Exception {
        receiver.script(Answer.status(500));
        long trigger = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        passAt(dispatcher, T0);
        long reminder = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-1");
        long otherChannel = enqueue("firing", Alert.Kind.REMINDER, "checkout/incident-1");
        long resolve = enqueue("rec", Alert.Kind.RESOLVE, "checkout/incident-1");
        long later = enqueue("rec", Alert.Kind.REMINDER, "checkout/incident-1");

        passAt(dispatcher, T0.plusMillis(10));

        assertEquals(Outbox.State.DROPPED, entry(trigger).state());
        assertEquals(Outbox.State.DROPPED, entry(reminder).state());
        assertEquals("dropped with its trigger", entry(reminder).lastError());
        assertEquals(Outbox.State.SENT, entry(resolve).state());
        assertEquals("nothing to send: recording ignores reminder messages", entry(otherChannel).lastError(),
                "another channel's reminder is that channel's business");
        assertEquals(Outbox.State.SENT, entry(later).state(), "after the resolve: not the trigger's");
    }

    @Test
    void theLateOutcomeOfAnAttemptWhoseClaimRanOutChangesNothing() throws Exception {
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        OutboxQueue.Claim first = queue.claim(id, T0, T0.plusSeconds(50)).orElseThrow();
        assertTrue(queue.claim(id, T0.plusSeconds(49), T0.plusSeconds(99)).isEmpty(), "taken until it runs out");
        OutboxQueue.Claim second = queue.claim(id, T0.plusSeconds(51), T0.plusSeconds(101)).orElseThrow();

        assertFalse(queue.retry(first, T0.plusSeconds(60), "no answer within 15000 ms", true));
        assertFalse(queue.dead(first, T0.plusSeconds(60), "HTTP 400"));
        assertFalse(queue.sent(first, T0.plusSeconds(60), true, null));
        Outbox.Entry untouched = entry(id);
        assertEquals(Outbox.State.PENDING, untouched.state());
        assertEquals(0, untouched.attempts());
        assertNull(untouched.lastError());
        assertTrue(queue.claim(id, T0.plusSeconds(60), T0.plusSeconds(110)).isEmpty(), "still the second's");

        assertTrue(queue.sent(second, T0.plusSeconds(61), true, null));
        assertEquals(Outbox.State.SENT, entry(id).state());
        assertFalse(queue.retry(first, T0.plusSeconds(62), "late", true));
        assertEquals(T0.plusSeconds(61), entry(id).finishedAt());
    }

    @Test
    void aSecondDispatcherSendsWhenTheFirstOnesClaimRanOut() throws Exception {
        long id = enqueue("rec", Alert.Kind.TRIGGER, "checkout/incident-1");
        OutboxQueue.Claim stale = queue.claim(id, T0, T0.plus(AlertDeliveryConfiguration.defaults().claim()))
                .orElseThrow();
        passAt(dispatcher, T0.plusSeconds(10));
        assertEquals(List.of(), kinds(), "claimed: left alone");

        passAt(dispatcher, T0.plus(AlertDeliveryConfiguration.defaults().claim()).plusSeconds(1));
        assertEquals(Outbox.State.SENT, entry(id).state());
        assertFalse(queue.dead(stale, T0.plus(Duration.ofMinutes(2)), "HTTP 400"));
        assertEquals(Outbox.State.SENT, entry(id).state());
        assertEquals(List.of("TRIGGER"), kinds());
    }

    @Test
    void aReceiverThatHangsHoldsUpOnlyItsOwnChannel() throws Exception {
        Dispatcher patient = dispatcher(new AlertDeliveryConfiguration(Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(5)));
        receiver.script(Answer.hanging());
        long slow = enqueue("slow", Alert.Kind.NOTICE, "journeys/invalid");
        var slowWork = patient.start(T0);
        receiver.awaitRequests(1); // the slow channel's request is in flight, unanswered

        long quick = enqueue("rec", Alert.Kind.NOTICE, "journeys/invalid");
        passAt(patient, T0.plusSeconds(1));
        assertEquals(Outbox.State.SENT, entry(quick).state(), "delivered while the other channel waits");
        assertFalse(slowWork.isDone(), "the slow channel is still waiting for its answer");
        assertEquals(Outbox.State.PENDING, entry(slow).state());

        slowWork.get();
        assertEquals("no answer within 2000 ms", entry(slow).lastError());
    }

    @Test
    void anAnswerWhoseBodyNeverEndsTimesOutLikeNoAnswer() throws Exception {
        Dispatcher impatient = dispatcher(new AlertDeliveryConfiguration(Duration.ofSeconds(1), Duration.ofHours(24),
                Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMinutes(5)));
        receiver.script(Answer.stallingBody(200));
        long id = enqueue("rec", Alert.Kind.NOTICE, "journeys/invalid");

        // Fails rather than hangs if the body were read without a bound (the request timeout ends at the headers).
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> passAt(impatient, T0));

        assertEquals(Outbox.State.PENDING, entry(id).state());
        assertEquals("no answer within 300 ms", entry(id).lastError());
    }

    @Test
    void onlyTheFirstBytesOfAnAnswersBodyAreRead() throws Exception {
        receiver.script(new Answer(400, Map.of(), "x".repeat(1_000_000), false));
        long id = enqueue("rec", Alert.Kind.NOTICE, "journeys/invalid");

        passAt(dispatcher, T0);

        assertEquals("HTTP 400: " + "x".repeat(Sender.EXCERPT) + "…", entry(id).lastError());
    }

    long insertIncident() throws SQLException {
        sql("INSERT INTO incidents (journey, started_at, locations, failing_steps, no_data, drill, bad_runs,"
                + " recovery_breached, opened_at) VALUES ('checkout', ?, '[]', '[]', FALSE, FALSE, 2, FALSE, ?)", T0, T0);
        return incidents.list(Incidents.State.OPEN, "checkout", 1).getFirst().id();
    }

    void sql(String sql, Object... values) throws SQLException {
        try (Connection connection = unwrapped().getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i] instanceof Instant at ? Timestamps.of(at) : values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A pass of {@code dispatcher} at {@code at}, its clock set there. */
    void passAt(Dispatcher dispatcher, Instant at) throws SQLException, InterruptedException {
        clockAt(at);
        dispatcher.pass(at);
    }

    void clockAt(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    /** A local port nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Alert alert(Alert.Kind kind, String key) {
        return new Alert(kind, key, kind + " " + key, Severity.HIGH, "checkout", "team-shop", null, null,
                List.of("eu-west"), List.of(), T0, T0, null, null, false, Map.of());
    }

    long enqueue(String channel, Alert.Kind kind, String key) throws SQLException {
        boolean queued = Transactions.inTransaction(unwrapped()::getConnection,
                transaction -> outbox.enqueue(transaction, channel, alert(kind, key), null));
        assertTrue(queued);
        return outbox.list(null, 1).getFirst().id();
    }

    Outbox.Entry entry(long id) throws SQLException {
        return queue.byId(id).orElseThrow();
    }

    List<Outbox.Entry> all() throws SQLException {
        return outbox.list(null, 1000).reversed();
    }

    List<String> kinds() {
        return receiver.received().stream().map(Receiver.Received::kind).toList();
    }

    DataSource unwrapped() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }
}

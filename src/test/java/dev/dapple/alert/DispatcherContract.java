package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Receiver.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real local receiver on a real database ({@link H2DispatcherTest},
 * {@link PostgresDispatcherTest}): retries, order, dead letters, replays, re-sends, timeouts and channels'
 * independence.
 */
abstract class DispatcherContract extends DeliveryFixture {

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
}

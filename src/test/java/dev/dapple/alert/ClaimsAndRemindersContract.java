package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Receiver.Answer;
import dev.dapple.database.Transactions;
import dev.dapple.journey.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the dispatcher leaves alone on a real database ({@link H2ClaimsAndRemindersTest},
 * {@link PostgresClaimsAndRemindersTest}): reminders of incidents acknowledged or resolved, reminders of a dropped
 * trigger, and the late outcome of an attempt whose claim ran out.
 */
abstract class ClaimsAndRemindersContract extends DeliveryFixture {

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
        assertEquals(Optional.of(12L), Dispatcher.incidentOf(alert(Alert.Kind.REMINDER, "checkout/incident-12")));
        assertEquals(Optional.empty(), Dispatcher.incidentOf(alert(Alert.Kind.REMINDER, "journeys/invalid")));
        assertEquals(Optional.empty(),
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
}

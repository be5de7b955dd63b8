package dev.dapple.incident;

import static dev.dapple.incident.IncidentRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.alert.Alert;
import dev.dapple.alert.Outbox;
import dev.dapple.alert.RecordingChannelType;
import dev.dapple.journey.Journey;
import dev.dapple.leader.MutableClock;
import dev.dapple.maintenance.TestCalendar;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.result.RunWriter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The real evaluator with alert channels configured: an incident's trigger and resolve are queued by the evaluation
 * that records them, and an evaluation that fails while queueing leaves neither incident nor message behind.
 */
class IncidentAlertsTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Journey CHECKOUT = IncidentRuns.journey("checkout", "alert:\n  after: 2\n");

    /** A context of its own (a fresh in-memory H2) whose default channel for high-severity journeys is {@code channel}. */
    private static ApplicationContext context(String channel) {
        return ApplicationContext.run(Map.of("dapple.channels." + channel + ".type", RecordingChannelType.TYPE,
                "dapple.alert.defaults.high", channel), Environment.TEST);
    }

    private record Evaluation(IncidentEvaluator evaluator, RunWriter writer, MutableClock clock) {
        IncidentEvaluator.Pass minute(int minute, Outcome outcome) throws SQLException {
            clock.advance(Duration.between(clock.instant(), T0.plusSeconds(60L * minute + 5)));
            writer.write(List.of(run("checkout", "eu-west", T0.plusSeconds(60L * minute), outcome)));
            return evaluator.pass(clock.instant());
        }
    }

    private static Evaluation evaluation(ApplicationContext context) {
        var clock = new MutableClock(T0);
        DataSource dataSource = context.getBean(DataSource.class);
        return new Evaluation(new IncidentEvaluator(context.getBean(IncidentStore.class), context.getBean(RunReader.class),
                context.getBean(StateChanges.class), new TestCalendar(), () -> List.of(CHECKOUT), clock),
                new RunWriter(dataSource, context.getBean(RunRecords.class), clock), clock);
    }

    @Test
    void anIncidentsTriggerAndResolveAreQueuedByTheEvaluationsThatRecordThem() throws SQLException {
        try (ApplicationContext context = context("pager")) {
            Evaluation evaluation = evaluation(context);
            evaluation.minute(0, Outcome.DOWN);
            evaluation.minute(1, Outcome.DOWN);
            evaluation.minute(2, Outcome.UP);
            long id = context.getBean(Incidents.class).list(null, "checkout", 10).getFirst().id();
            List<Outbox.Entry> queued = context.getBean(Outbox.class).list(null, 10).reversed();
            assertEquals(List.of(Alert.Kind.TRIGGER, Alert.Kind.RESOLVE), queued.stream().map(Outbox.Entry::kind).toList());
            assertEquals(List.of("pager", "pager"), queued.stream().map(Outbox.Entry::channel).toList());
            assertEquals(List.of("checkout/incident-" + id, "checkout/incident-" + id),
                    queued.stream().map(Outbox.Entry::key).toList());
            assertEquals("checkout is DOWN in eu-west: step login failing (timed out after 5s)",
                    queued.getFirst().alert().summary());
            assertEquals("checkout recovered after 2 min", queued.get(1).alert().summary());
        }
    }

    @Test
    void anEvaluationThatCannotQueueItsAlertRollsBackWithItsIncident() throws SQLException {
        try (ApplicationContext context = context("pager")) {
            try (Connection connection = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class))
                    .getConnection(); var alter = connection.createStatement()) {
                alter.execute("ALTER TABLE outbox ADD CONSTRAINT refuse_pager CHECK (channel <> 'pager')");
            }
            Evaluation evaluation = evaluation(context);
            evaluation.minute(0, Outcome.DOWN);
            assertThrows(SQLException.class, () -> evaluation.minute(1, Outcome.DOWN));
            assertEquals(List.of(), context.getBean(Incidents.class).list(null, "checkout", 10));
            assertEquals(List.of(), context.getBean(StateChanges.class).after(0, 10));
            assertEquals(List.of(), context.getBean(Outbox.class).list(null, 10));
        }
    }
}

package dev.dapple.alert;

import static dev.dapple.alert.RoutingFixture.T0;
import static dev.dapple.alert.RoutingFixture.channels;
import static dev.dapple.alert.RoutingFixture.queued;
import static dev.dapple.alert.RoutingFixture.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import dev.dapple.journey.Severity;
import dev.dapple.slo.BurnRateRule;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who receives each state change, with what, on the recording transaction: one suite for H2 and PostgreSQL. */
abstract class AlertRoutingContract implements TestPropertyProvider {

    static final Map<String, String> CHANNELS = Map.of(
            "dapple.channels.pager.type", RecordingChannelType.TYPE,
            "dapple.channels.slack.type", RecordingChannelType.TYPE,
            "dapple.channels.slack.drills", "true",
            "dapple.channels.tickets.type", RecordingChannelType.TYPE,
            "dapple.channels.fallback.type", RecordingChannelType.TYPE,
            "dapple.channels.low-default.type", RecordingChannelType.TYPE,
            "dapple.alert.defaults.critical", "pager",
            "dapple.alert.defaults.high", "fallback",
            "dapple.alert.defaults.low", "low-default",
            "dapple.public-url", "https://dapple.example.com/");

    @Inject
    StateChanges changes;
    @Inject
    DataSource dataSource;
    @Inject
    Outbox outbox;
    @Inject
    CatalogWriter writer;
    @Inject
    Reminders reminders;
    @Inject
    dev.dapple.incident.Incidents incidents;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(CHANNELS);
        properties.putAll(storeProperties());
        return properties;
    }

    Map<String, String> storeProperties() {
        return Map.of();
    }

    @BeforeEach
    void publish() throws Exception {
        RoutingFixture.publish(writer, RoutingFixture.CHECKOUT, RoutingFixture.SEARCH);
    }

    @Test
    void anIncidentPagesTheJourneysChannelsWithEverythingToActOn() throws Exception {
        long id = record(changes, dataSource, new StateChange.IncidentOpened("checkout", 101, T0,
                List.of("eu-west", "us-east"), List.of(new StateChange.FailingStep("pay", "HTTP 503")), false));
        List<Outbox.Entry> entries = queued(outbox, "checkout/incident-101");
        assertEquals(Set.of("pager", "slack"), channels(entries));
        Alert alert = entries.getFirst().alert();
        assertEquals(Alert.Kind.TRIGGER, alert.kind());
        assertEquals("checkout is DOWN in eu-west, us-east: step pay failing (HTTP 503)", alert.summary());
        assertEquals(Severity.CRITICAL, alert.severity());
        assertEquals("checkout", alert.journey());
        assertEquals("payments", alert.owner());
        assertEquals("https://wiki.example.com/checkout", alert.runbook());
        assertEquals("Customers cannot pay", alert.description());
        assertEquals(List.of("eu-west", "us-east"), alert.locations());
        assertEquals(List.of(new StateChange.FailingStep("pay", "HTTP 503")), alert.failingSteps());
        assertEquals(T0, alert.startedAt());
        assertEquals("https://dapple.example.com/incidents/101", alert.dashboardUrl());
        assertEquals(Map.of("incident", "101", "tags", "shop"), alert.details());
        assertNull(alert.budgetRemaining(), "no SLO snapshot yet");
        // Recording it again under the same id is impossible; the dedup key is the change's id.
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            assertEquals(false, outbox.enqueue(connection, "pager", alert, "state-change-" + id));
        }
    }

    @Test
    void theMessagesAboutSomeIncidentsComeBackByTheirKeysOldestFirst() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("checkout", 111, T0, List.of(), List.of(), false));
        record(changes, dataSource, new StateChange.IncidentOpened("search", 112, T0, List.of(), List.of(), false));
        record(changes, dataSource, new StateChange.IncidentResolved("checkout", 111, T0.plus(Duration.ofMinutes(3)),
                Duration.ofMinutes(3), false, false));
        List<Outbox.Entry> checkout = queued(outbox, Outbox.incidentKey("checkout", 111));
        List<Outbox.Entry> search = queued(outbox, Outbox.incidentKey("search", 112));
        assertEquals(4, checkout.size(), "a trigger and a resolve to pager and slack: " + checkout);
        assertEquals(checkout.stream().map(Outbox.Entry::id).toList(),
                outbox.withKeys(List.of("checkout/incident-111")).stream().map(Outbox.Entry::id).toList());
        List<Long> both = java.util.stream.Stream.concat(checkout.stream(), search.stream()).map(Outbox.Entry::id)
                .sorted().toList();
        assertEquals(both, outbox.withKeys(List.of("search/incident-112", "checkout/incident-111")).stream()
                .map(Outbox.Entry::id).toList());
        assertEquals(List.of(), outbox.withKeys(List.of()));
        assertEquals(List.of(), outbox.withKeys(List.of("checkout/incident-999")));
    }

    @Test
    void aJourneyThatNamesNoChannelsGoesToTheDefaultsOfItsSeverity() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("search", 102, T0, List.of(), List.of(), false));
        List<Outbox.Entry> entries = queued(outbox, "search/incident-102");
        assertEquals(Set.of("fallback"), channels(entries));
        assertEquals("search is DOWN", entries.getFirst().alert().summary());
        assertEquals(Severity.HIGH, entries.getFirst().alert().severity());
    }

    @Test
    void aJourneyGoneFromTheCatalogIsStillAnnouncedWithWhatTheChangeKnows() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("retired", 103, T0, List.of("eu-west"),
                List.of(), false));
        Alert alert = queued(outbox, "retired/incident-103").getFirst().alert();
        assertEquals(List.of("fallback"), queued(outbox, "retired/incident-103").stream().map(Outbox.Entry::channel).toList());
        assertEquals("retired is DOWN in eu-west", alert.summary());
        assertNull(alert.owner());
        assertNull(alert.runbook());
    }

    @Test
    void aResolveGoesToExactlyTheChannelsThatGotItsTrigger() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("checkout", 104, T0, List.of(), List.of(), false));
        // As if the configuration had routed this trigger elsewhere when it was queued:
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            Alert trigger = queued(outbox, "checkout/incident-104").getFirst().alert();
            outbox.enqueue(connection, "fallback", trigger, "earlier-route");
        }
        record(changes, dataSource, new StateChange.IncidentResolved("checkout", 104, T0.plus(Duration.ofMinutes(12)),
                Duration.ofMinutes(12), false, false));
        List<Outbox.Entry> resolves = queued(outbox, "checkout/incident-104").stream()
                .filter(e -> e.kind() == Alert.Kind.RESOLVE).toList();
        assertEquals(Set.of("fallback", "pager", "slack"), channels(resolves));
        Alert alert = resolves.getFirst().alert();
        assertEquals("checkout recovered after 12 min", alert.summary());
        assertEquals(T0, alert.startedAt());
        assertEquals(T0.plus(Duration.ofMinutes(12)), alert.at());
        assertEquals("12 min", alert.details().get("duration"));
    }

    @Test
    void aResolveWithoutATriggerFollowsTheRoutingRules() throws Exception {
        record(changes, dataSource, new StateChange.IncidentResolved("search", 105, T0.plusSeconds(45),
                Duration.ofSeconds(45), true, false));
        List<Outbox.Entry> entries = queued(outbox, "search/incident-105");
        assertEquals(Set.of("fallback"), channels(entries));
        assertEquals("search recovered after 45 s (longer than its recovery objective)",
                entries.getFirst().alert().summary());
    }

    @Test
    void pagingBurnAlertsPageAndTicketBurnAlertsGoToTicketChannelsAsLow() throws Exception {
        record(changes, dataSource, new StateChange.BurnAlertFired("checkout", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, 14.42, 14.4, T0, false));
        record(changes, dataSource, new StateChange.BurnAlertFired("checkout", "availability", "ticket-3d",
                BurnRateRule.Urgency.TICKET, 1.2, 1.0, T0, false));
        record(changes, dataSource, new StateChange.BurnAlertFired("search", "latency", "ticket-1d",
                BurnRateRule.Urgency.TICKET, 3.0, 3.0, T0, false));
        String firing = "@" + T0.getEpochSecond();
        List<Outbox.Entry> page = queued(outbox, "checkout/availability/page-1h" + firing);
        assertEquals(Set.of("pager", "slack"), channels(page));
        Alert alert = page.getFirst().alert();
        assertEquals("checkout burns its availability budget at 14.4× (page-1h)", alert.summary());
        assertEquals(Severity.CRITICAL, alert.severity());
        assertEquals("https://dapple.example.com/journeys/checkout", alert.dashboardUrl());
        assertEquals("14.4", alert.details().get("threshold"));
        List<Outbox.Entry> ticket = queued(outbox, "checkout/availability/ticket-3d" + firing);
        assertEquals(Set.of("tickets"), channels(ticket));
        assertEquals(Severity.LOW, ticket.getFirst().alert().severity());
        assertEquals(Set.of("low-default"), channels(queued(outbox, "search/latency/ticket-1d" + firing)));

        record(changes, dataSource, new StateChange.BurnAlertResolved("checkout", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, T0, T0.plusSeconds(600), false));
        List<Outbox.Entry> resolved = queued(outbox, "checkout/availability/page-1h" + firing).stream()
                .filter(e -> e.kind() == Alert.Kind.RESOLVE).toList();
        assertEquals(Set.of("pager", "slack"), channels(resolved));
        assertEquals("checkout no longer burns its availability budget fast (page-1h)",
                resolved.getFirst().alert().summary());
    }

    @Test
    void theBudgetLeftComesFromTheJourneysLatestSloSnapshot() throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var insert = connection.prepareStatement("INSERT INTO slo_snapshots (journey, evaluated_at,"
                     + " budget_remaining, firing_alerts, report) VALUES ('search', ?, 0.25, 0, '{}')")) {
            insert.setObject(1, dev.dapple.database.Timestamps.of(T0));
            insert.executeUpdate();
        }
        record(changes, dataSource, new StateChange.BurnAlertFired("search", "availability", "page-6h",
                BurnRateRule.Urgency.PAGE, 6.2, 6.0, T0, false));
        assertEquals(0.25, queued(outbox, "search/availability/page-6h@" + T0.getEpochSecond()).getFirst().alert()
                .budgetRemaining());
    }

    @Test
    void aBurnAlertThatFiresAgainIsANewAlertAndEachResolveClosesItsOwnFiring() throws Exception {
        Instant second = T0.plus(Duration.ofHours(2));
        for (Instant fired : List.of(T0, second)) {
            record(changes, dataSource, new StateChange.BurnAlertFired("checkout", "latency", "page-5m",
                    BurnRateRule.Urgency.PAGE, 15.0, 14.4, fired, false));
            record(changes, dataSource, new StateChange.BurnAlertResolved("checkout", "latency", "page-5m",
                    BurnRateRule.Urgency.PAGE, fired, fired.plusSeconds(600), false));
        }
        for (Instant fired : List.of(T0, second)) {
            List<Outbox.Entry> episode = queued(outbox, "checkout/latency/page-5m@" + fired.getEpochSecond());
            assertEquals(List.of(Alert.Kind.TRIGGER, Alert.Kind.TRIGGER, Alert.Kind.RESOLVE, Alert.Kind.RESOLVE),
                    episode.stream().map(Outbox.Entry::kind).toList(), "one trigger and one resolve per channel");
            Alert resolve = episode.getLast().alert();
            assertEquals(fired, resolve.startedAt(), "since its own firing, not the first ever");
            assertEquals(fired.plusSeconds(600), resolve.at());
        }
    }

    @Test
    void aBurnResolveWhoseFiringQueuedNoTriggerIsRoutedByTheRulesUnderItsFiringsKey() throws Exception {
        Instant at = T0.plusSeconds(30);
        record(changes, dataSource, new StateChange.BurnAlertResolved("search", "latency_p99", "page_1h",
                BurnRateRule.Urgency.PAGE, T0, at, false));
        List<Outbox.Entry> entries = queued(outbox, "search/latency_p99/page_1h@" + T0.getEpochSecond());
        assertEquals(Set.of("fallback"), channels(entries), "by the routing rules");
        assertEquals(T0, entries.getFirst().alert().startedAt());
        assertEquals(at, entries.getFirst().alert().at());
    }

    @Test
    void aDrillFiringsResolveNeverBorrowsAnEarlierRealFiringsChannels() throws Exception {
        record(changes, dataSource, new StateChange.BurnAlertFired("search", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, 15.0, 14.4, T0, false));
        record(changes, dataSource, new StateChange.BurnAlertResolved("search", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, T0, T0.plusSeconds(600), false));
        Instant drill = T0.plus(Duration.ofHours(1)); // fires in a drill: search's routes take no drills
        record(changes, dataSource, new StateChange.BurnAlertFired("search", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, 15.0, 14.4, drill, true));
        record(changes, dataSource, new StateChange.BurnAlertResolved("search", "availability", "page-1h",
                BurnRateRule.Urgency.PAGE, drill, drill.plusSeconds(600), true));
        assertEquals(List.of(), queued(outbox, "search/availability/page-1h@" + drill.getEpochSecond()));
        assertEquals(2, queued(outbox, "search/availability/page-1h@" + T0.getEpochSecond()).size(),
                "the real firing's trigger and resolve, nothing more");
    }

    @Test
    void aResolveRepeatsItsTriggersOwnerSeverityAndLocationsAfterTheJourneyChanged() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("checkout", 109, T0, List.of("eu-west"),
                List.of(), false));
        RoutingFixture.publish(writer, RoutingFixture.CHECKOUT.replace("owner: payments", "owner: billing")
                .replace("severity: critical", "severity: low"), RoutingFixture.SEARCH);
        record(changes, dataSource, new StateChange.IncidentResolved("checkout", 109, T0.plusSeconds(300),
                Duration.ofSeconds(240), false, false));
        Alert resolve = queued(outbox, "checkout/incident-109").getLast().alert();
        assertEquals(Alert.Kind.RESOLVE, resolve.kind());
        assertEquals("payments", resolve.owner());
        assertEquals(Severity.CRITICAL, resolve.severity());
        assertEquals(List.of("eu-west"), resolve.locations());
        assertEquals(T0, resolve.startedAt(), "the trigger's start, not the resolve's duration before it");
    }

    @Test
    void drillsReachOnlyChannelsThatTakeDrills() throws Exception {
        record(changes, dataSource, new StateChange.IncidentOpened("checkout", 106, T0, List.of(), List.of(), true));
        assertEquals(Set.of("slack"), channels(queued(outbox, "checkout/incident-106")));
        record(changes, dataSource, new StateChange.IncidentOpened("search", 107, T0, List.of(), List.of(), true));
        assertEquals(Set.of(), channels(queued(outbox, "search/incident-107")), "fallback takes no drills");

        record(changes, dataSource, new StateChange.DrillStarted(7, List.of("checkout", "search"), T0));
        record(changes, dataSource, new StateChange.DrillEnded(7, List.of("checkout", "search"), T0.plusSeconds(60)));
        List<Outbox.Entry> notices = queued(outbox, "drill-7");
        assertEquals(List.of("slack", "slack"), notices.stream().map(Outbox.Entry::channel).toList());
        assertEquals(List.of("Drill started for checkout, search: the alerts that follow are a drill",
                "Drill ended for checkout, search"), notices.stream().map(e -> e.alert().summary()).toList());
        assertEquals(Alert.Kind.NOTICE, notices.getFirst().kind());
    }

    @Test
    void aRolledBackEvaluationQueuesNothing() throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.setAutoCommit(false);
            changes.record(connection, new StateChange.IncidentOpened("checkout", 108, T0, List.of(), List.of(), false));
            assertEquals(2, countOn(connection, "checkout/incident-108"), "queued on the recording transaction");
            connection.rollback();
        }
        assertEquals(List.of(), queued(outbox, "checkout/incident-108"));
    }

    @Test
    void remindersRepeatEveryPeriodToTheTriggersChannelsOnceEachAndStopOnAcknowledgement() throws Exception {
        long incident = insertIncident("checkout", T0);
        record(changes, dataSource, new StateChange.IncidentOpened("checkout", incident, T0, List.of("eu-west"),
                List.of(new StateChange.FailingStep("pay", "HTTP 503")), false));
        assertEquals(0, reminders.pass(T0.plus(Duration.ofMinutes(29))), "checkout reminds every 30m");
        assertEquals(2, reminders.pass(T0.plus(Duration.ofMinutes(30))));
        assertEquals(0, reminders.pass(T0.plus(Duration.ofMinutes(59))), "the first reminder is queued once");
        assertEquals(2, reminders.pass(T0.plus(Duration.ofMinutes(61))));
        List<Outbox.Entry> sent = queued(outbox, "checkout/incident-" + incident).stream()
                .filter(e -> e.kind() == Alert.Kind.REMINDER).toList();
        assertEquals(Set.of("pager", "slack"), channels(sent));
        assertEquals("Reminder: checkout is still DOWN after 30 min and nobody acknowledged it",
                sent.getFirst().alert().summary());
        assertEquals(List.of("eu-west"), sent.getFirst().alert().locations(), "as the incident row has them now");

        long quiet = insertIncident("search", T0);
        record(changes, dataSource, new StateChange.IncidentOpened("search", quiet, T0, List.of(), List.of(), false));
        assertEquals(2, reminders.pass(T0.plus(Duration.ofHours(5))), "checkout's tenth only: search has no"
                + " alert.remind");

        incidents.acknowledge(incident, "alice", T0.plus(Duration.ofMinutes(70)));
        assertEquals(0, reminders.pass(T0.plus(Duration.ofHours(6))), "acknowledged: no more reminders");
    }

    private long insertIncident(String journey, java.time.Instant at) throws Exception {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var insert = connection.prepareStatement("INSERT INTO incidents (journey, started_at, locations,"
                     + " failing_steps, no_data, drill, bad_runs, recovery_breached, opened_at)"
                     + " VALUES (?, ?, '[\"eu-west\"]', '[]', FALSE, FALSE, 2, FALSE, ?)",
                     java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, journey);
            insert.setObject(2, dev.dapple.database.Timestamps.of(at));
            insert.setObject(3, dev.dapple.database.Timestamps.of(at));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static int countOn(Connection connection, String key) throws Exception {
        try (var select = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE alert_key = ?")) {
            select.setString(1, key);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}

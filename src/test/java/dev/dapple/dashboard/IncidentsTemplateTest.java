package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.alert.Outbox;
import dev.dapple.incident.Incident;
import dev.dapple.incident.StateChange;
import dev.dapple.maintenance.Drill;
import dev.dapple.maintenance.DrillReports;
import dev.dapple.maintenance.Recovery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The incidents page rendered against fixed data: the facts an on-call engineer reads are on it. */
class IncidentsTemplateTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    static final Incident OPEN = new Incident(12, "checkout flow", NOW.minus(Duration.ofMinutes(25)), null,
            List.of("eu-west", "us-east"), List.of(new StateChange.FailingStep("pay", "status 503")), false, false, 6,
            false, null, null, NOW.minus(Duration.ofMinutes(24)), null);
    static final Incident ACKNOWLEDGED = new Incident(11, "login", NOW.minus(Duration.ofMinutes(5)), null,
            List.of("eu-west"), List.of(new StateChange.FailingStep("login", "timed out after 5s")), false, false, 2,
            false, "alice", NOW.minus(Duration.ofMinutes(3)), NOW.minus(Duration.ofMinutes(4)), null);
    static final Incident RESOLVED = new Incident(7, "checkout flow", Instant.parse("2026-12-02T10:00:00Z"),
            Instant.parse("2026-12-02T10:40:00Z"), List.of("us-east"),
            List.of(new StateChange.FailingStep("cart", "expected status == 201, got 500")), false, true, 4, true,
            "bob", Instant.parse("2026-12-02T10:05:00Z"), Instant.parse("2026-12-02T10:01:00Z"),
            Instant.parse("2026-12-02T10:40:05Z"));

    static IncidentsPage page(boolean admin) {
        var open = List.of(
                new IncidentsPage.Item(OPEN, Duration.ofMinutes(10), List.of(
                        new IncidentsPage.AlertSent("pager", "trigger", Outbox.State.SENT, 1, null),
                        new IncidentsPage.AlertSent("hooks", "trigger", Outbox.State.DEAD, 3, "HTTP 410 Gone"))),
                new IncidentsPage.Item(ACKNOWLEDGED, null, List.of()));
        var resolved = List.of(new IncidentsPage.Item(RESOLVED, Duration.ofMinutes(10), List.of(
                new IncidentsPage.AlertSent("pager", "trigger", Outbox.State.SENT, 1, null),
                new IncidentsPage.AlertSent("pager", "resolve", Outbox.State.PENDING, 2, "connection refused"))));
        var drill = new Drill(3, 1, "quarterly failover", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T09:30:00Z"), List.of("checkout flow"), true);
        var recovery = new Recovery(Recovery.Verdict.MET, Instant.parse("2026-12-01T09:02:00Z"),
                Instant.parse("2026-12-01T09:06:00Z"), 240L);
        var report = new DrillReports.Report(drill, List.of(new Recovery.PerJourney("checkout flow", "10m", recovery,
                Map.of("eu-west", recovery))));
        return new IncidentsPage(NOW, null, List.of("checkout flow", "login"), admin, null, open, resolved,
                List.of(report));
    }

    @Test
    void openIncidentsShowJourneyAgeDurationPlacesStepsObjectiveAndAlerts() {
        String html = Templates.render("incidents", Map.of("page", page(false)));
        String open = row(html, 12);
        assertTrue(open.contains("<a href=\"/journeys/checkout%20flow\">checkout flow</a>"), open);
        assertTrue(open.contains("datetime=\"2026-12-03T11:35:00Z\""), open);
        assertTrue(open.contains(">25 min ago</time>"), open);
        assertTrue(open.contains(">Open</span>"), open);
        assertTrue(open.contains("<td class=\"num\" data-fact=\"duration\">25 min</td>"), open);
        assertTrue(open.contains("eu-west, us-east"), open);
        assertTrue(open.contains("<strong>pay</strong>: status 503"), open);
        assertTrue(open.contains("state-down\">Breached</span>"), "25 min is over the 10m objective: " + open);
        assertTrue(open.contains("objective 10m"), open);
        assertTrue(open.contains("pager: trigger,"), open);
        assertTrue(open.contains("delivery-sent\">sent</span>"), open);
        assertTrue(open.contains("delivery-dead\">dead</span>"), open);
        assertTrue(open.contains("after 3 attempts"), open);
        assertTrue(open.contains("HTTP 410 Gone"), open);

        String acknowledged = row(html, 11);
        assertTrue(acknowledged.contains("by alice"), acknowledged);
        assertTrue(acknowledged.contains(">3 min ago</time>"), acknowledged);
        assertTrue(acknowledged.contains("No objective"), acknowledged);
        assertTrue(acknowledged.contains("<span class=\"muted\">None</span>"), "no alerts: " + acknowledged);
        assertTrue(html.indexOf("data-incident=\"12\"") < html.indexOf("data-incident=\"7\""), "open ones first");
    }

    @Test
    void resolvedIncidentsShowTheirEndDurationBreachAndDeliveryStates() {
        String resolved = row(Templates.render("incidents", Map.of("page", page(false))), 7);
        assertTrue(resolved.contains("<td class=\"num\" data-fact=\"duration\">40 min</td>"), resolved);
        assertTrue(resolved.contains("datetime=\"2026-12-02T10:40:00Z\""), resolved);
        assertTrue(resolved.contains("state-down\">Breached</span>"), resolved);
        assertTrue(resolved.contains(">Drill</span>"), resolved);
        assertTrue(resolved.contains("by bob"), resolved);
        assertTrue(resolved.contains("pager: resolve,"), resolved);
        assertTrue(resolved.contains("delivery-pending\">pending</span>"), resolved);
        assertTrue(resolved.contains("connection refused"), resolved);
        assertTrue(Templates.render("incidents", Map.of("page", page(false)))
                .contains("<caption>Resolved incidents, newest first (the latest 50)</caption>"));
    }

    @Test
    void drillsShowTheMeasuredRecoveryAgainstTheObjective() {
        String html = Templates.render("incidents", Map.of("page", page(false)));
        assertTrue(html.contains("Drill quarterly failover:"), html);
        assertTrue(html.contains("<td class=\"num\" data-fact=\"recovery-time\">4 min</td>"), html);
        assertTrue(html.contains("<td>10m</td>"), html);
        assertTrue(html.contains("state-up\">Met</span>"), html);
        assertTrue(html.contains("eu-west: 4 min"), html);
    }

    @Test
    void theAcknowledgeFormIsOfferedToAdminsOnlyAndOnlyForUnacknowledgedOpenIncidents() {
        String anonymous = Templates.render("incidents", Map.of("page", page(false)));
        assertFalse(anonymous.contains("/ack\""), anonymous);
        assertTrue(anonymous.contains("<a href=\"/login?next=/incidents\">sign in with the admin token</a>"),
                anonymous);

        String admin = Templates.render("incidents", Map.of("page", page(true)));
        assertTrue(row(admin, 12).contains("<form method=\"post\" action=\"/incidents/12/ack\" class=\"ack\">"), admin);
        assertTrue(row(admin, 12).contains("<label for=\"ack-by-12\">Your name</label>"), admin);
        assertFalse(row(admin, 11).contains("<form"), "acknowledged already");
        assertFalse(row(admin, 7).contains("<form"), "resolved");
        assertFalse(admin.contains("sign in with the admin token"), admin);
    }

    @Test
    void emptyListsSayWhatHappensNextAndTheNoticeIsAnAlert() {
        var empty = new IncidentsPage(NOW, "login", List.of("login"), false, "There is no incident 99.", List.of(),
                List.of(), List.of());
        String html = Templates.render("incidents", Map.of("page", empty));
        assertTrue(html.contains("<p class=\"error\" role=\"alert\">There is no incident 99.</p>"), html);
        assertTrue(html.contains("No open incidents."), html);
        assertTrue(html.contains("No resolved incidents yet for login."), html);
        assertTrue(html.contains("No drills yet."), html);
        assertTrue(html.contains("<option value=\"login\" selected>login</option>"), html);
        assertTrue(html.contains("aria-current=\"page\">Incidents</a>"), "the section is marked in the navigation");
    }

    /** The table row of one incident. */
    static String row(String html, long id) {
        var matcher = Pattern.compile("(?s)<tr id=\"incident-" + id + "\".*?</tr>").matcher(html);
        assertTrue(matcher.find(), "no row for incident " + id + " in\n" + html);
        return matcher.group();
    }
}

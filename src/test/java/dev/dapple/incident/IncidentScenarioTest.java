package dev.dapple.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.dapple.alert.Dispatcher;
import dev.dapple.alert.Receiver;
import dev.dapple.result.Outcome;
import dev.dapple.rollup.RollupDeriver;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.JourneyState;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloController;
import dev.dapple.slo.SloCounts;
import dev.dapple.slo.SloEvaluator;
import dev.dapple.slo.SloReport;
import dev.dapple.slo.SloSnapshot;
import dev.dapple.slo.SloSnapshots;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo journey against this server's own demo shop, run by the embedded probe every 10 s: the shop is broken
 * through its API, then mended. Exactly one incident opens and resolves, at the planned times the raw runs say; the
 * status snapshot shows it while open; and the SLO figures, from the rollups and from the API, match a count of the
 * raw runs. Alerts go to three channels (PagerDuty, Slack and a signed webhook, each a real local receiver): each
 * hears one trigger and then one resolve of the incident.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentScenarioTest implements TestPropertyProvider {

    static final String TOKEN = "scenario-admin-token";
    static final String JOURNEY = "demo-checkout";
    static final Duration PASS = Duration.ofMillis(500);
    static final String WEBHOOK_SECRET = "whsec_c2NlbmFyaW8tc2lnbmluZy1zZWNyZXQtMzItYnl0ZXMh";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RunReader reader;
    @Inject
    IncidentEvaluator evaluator;
    @Inject
    StateChanges changes;
    @Inject
    SloEvaluator sloEvaluator;
    @Inject
    SloSnapshots snapshots;
    @Inject
    RollupDeriver rollups;
    @Inject
    SloCounts sloCounts;
    @Inject
    Dispatcher dispatcher;
    @Inject
    JsonMapper json;

    private final Receiver pagerDuty = Receiver.start();
    private final Receiver slack = Receiver.start();
    private final Receiver webhook = Receiver.start();

    private final Instant began = Instant.now();

    @Override
    public Map<String, String> getProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            Path journeys = Files.createTempDirectory("dapple-scenario-journeys-");
            String demo = Files.readString(Path.of("journeys/demo/checkout.yaml"))
                    .replace("http://localhost:8080/demo/shop", "http://localhost:" + port + "/demo/shop")
                    .replace("interval: 1m", "interval: 10s")
                    .replace("timeout: 20s", "timeout: 5s");
            Files.writeString(journeys.resolve("checkout.yaml"), demo);
            Path secrets = Files.createTempDirectory("dapple-scenario-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            Files.writeString(secrets.resolve("SCENARIO_WEBHOOK_SECRET"), WEBHOOK_SECRET);
            return Map.ofEntries(Map.entry("micronaut.server.port", String.valueOf(port)),
                    Map.entry("dapple.journeys.dir", journeys.toString()),
                    Map.entry("dapple.journeys.poll-interval", "200ms"),
                    Map.entry("dapple.demo.flaky-failure-rate", "0"),
                    Map.entry("dapple.secrets-dir", secrets.toString()),
                    Map.entry("dapple.channels.pager.type", "pagerduty"),
                    Map.entry("dapple.channels.pager.routing-key", "scenario-routing-key"),
                    Map.entry("dapple.channels.pager.url", pagerDuty.url("/v2/enqueue")),
                    Map.entry("dapple.channels.chat.type", "slack"),
                    Map.entry("dapple.channels.chat.url", slack.url("/services/T0/B0/scenario")),
                    Map.entry("dapple.channels.hooks.type", "webhook"),
                    Map.entry("dapple.channels.hooks.url", webhook.url("/dapple-events")),
                    Map.entry("dapple.channels.hooks.secret", "secret:SCENARIO_WEBHOOK_SECRET"),
                    // The demo journey names no channels; its severity is low.
                    Map.entry("dapple.alert.defaults.low", "pager,chat,hooks"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void breakingTheShopOpensOneIncidentAndMendingItResolvesIt() throws Exception {
        long before = lastChange();
        evaluateUntil("a good run", () -> count(Outcome.UP) >= 1);
        faults(1);
        evaluateUntil("three failed runs", () -> count(Outcome.DOWN) >= 3);
        sloEvaluator.pass(Instant.now());
        SloSnapshot during = snapshots.all().stream().filter(x -> x.journey().equals(JOURNEY)).findFirst()
                .orElseThrow();
        assertEquals(JourneyState.INCIDENT, during.state());
        dispatcher.pass(Instant.now()); // the trigger goes out while the incident is open
        faults(0);
        evaluateUntil("a good run after the failures", () -> upAfterDown() != null);
        for (int i = 0; i < 3; i++) { // a few more passes: nothing more may happen
            evaluator.pass(Instant.now());
            Thread.sleep(PASS.toMillis());
        }

        List<RunResult> runs = runs();
        Instant firstDown = runs.stream().filter(r -> r.outcome() == Outcome.DOWN).findFirst().orElseThrow()
                .plannedAt();
        Instant recovered = upAfterDown();
        List<StateChange> emitted = changes.after(before, 100).stream().map(StateChanges.Recorded::change)
                .filter(c -> JOURNEY.equals(c.journey())).toList();
        assertEquals(2, emitted.size(), "one opened, one resolved: " + emitted + "\nruns: " + outcomes(runs));
        var opened = (StateChange.IncidentOpened) emitted.get(0);
        var resolved = (StateChange.IncidentResolved) emitted.get(1);
        assertEquals(firstDown, opened.at(), "backdated to the first failed run");
        assertEquals(List.of("local"), opened.locations());
        assertTrue(opened.failingSteps().getFirst().firstError().contains("503"), opened.toString());
        assertEquals(recovered, resolved.at(), "ended at the first good run after");
        assertEquals(Duration.between(firstDown, recovered), resolved.duration());
        assertEquals(opened.incident(), resolved.incident());
        assertEquals(opened.incident(), during.openIncident());

        sloFiguresMatchTheRawRuns(runs);
        dispatcher.pass(Instant.now());
        eachChannelHeardOneTriggerThenOneResolve(opened.incident());
    }

    /**
     * Per channel, the messages about the incident (burn-rate alerts may come too, under their own keys): one trigger,
     * then one resolve, no message twice; the webhook's signatures check out.
     */
    private void eachChannelHeardOneTriggerThenOneResolve(long incident) throws Exception {
        String key = JOURNEY + "/incident-" + incident;
        List<String> pagerDutyActions = new java.util.ArrayList<>();
        for (Receiver.Request request : pagerDuty.requests()) {
            Map<?, ?> event = json.readValue(request.body(), Map.class);
            if (key.equals(event.get("dedup_key"))) {
                pagerDutyActions.add((String) event.get("event_action"));
            }
        }
        assertEquals(List.of("trigger", "resolve"), pagerDutyActions, "PagerDuty: " + pagerDuty.requests());

        List<String> slackTexts = slack.requests().stream().map(r -> readText(r.body()))
                .filter(text -> text.contains(JOURNEY + " is DOWN") || text.contains(JOURNEY + " recovered")).toList();
        assertEquals(2, slackTexts.size(), "Slack: " + slackTexts);
        assertTrue(slackTexts.get(0).contains("DOWN"), slackTexts.get(0));
        assertTrue(slackTexts.get(1).contains("recovered"), slackTexts.get(1));

        Webhook verifier = new Webhook(WEBHOOK_SECRET);
        List<String> webhookTypes = new java.util.ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Receiver.Request request : webhook.requests()) {
            verifier.verify(request.body(), request.headers());
            assertTrue(ids.add(request.header("webhook-id")), "each message once: " + request.header("webhook-id"));
            Map<?, ?> event = json.readValue(request.body(), Map.class);
            if (key.equals(((Map<?, ?>) event.get("data")).get("key"))) {
                webhookTypes.add((String) event.get("type"));
            }
        }
        assertEquals(List.of("alert.trigger", "alert.resolve"), webhookTypes);
    }

    private String readText(String body) {
        try {
            return String.valueOf(json.readValue(body, Map.class).get("text"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopReceivers() {
        pagerDuty.close();
        slack.close();
        webhook.close();
    }

    /**
     * Availability over the runs so far, counted by the test (UP and DEGRADED good, DOWN bad, ERROR not counted), equals
     * the SLO counts once the minutes are rolled up, and the API's figures; the API shows the incident's recovery.
     */
    private void sloFiguresMatchTheRawRuns(List<RunResult> runs) throws Exception {
        rollups.pass(Instant.now().plus(Duration.ofMinutes(2))); // derive every minute so far, the current one too
        Instant from = began.minusSeconds(60);
        Instant until = runs.getLast().plannedAt().plusMillis(1);
        long good = runs.stream().filter(r -> r.outcome() == Outcome.UP || r.outcome() == Outcome.DEGRADED).count();
        long bad = runs.stream().filter(r -> r.outcome() == Outcome.DOWN).count();
        assertTrue(bad >= 3, outcomes(runs));
        assertEquals(new EventCounts(good, bad), sloCounts.count(JOURNEY, from, until).pooled(Objective.AVAILABILITY));

        SloController.JourneySloView view = client.toBlocking()
                .retrieve("/api/journeys/" + JOURNEY + "/slo", SloController.JourneySloView.class);
        SloReport.Figures availability = view.objectives().stream()
                .filter(o -> o.objective().equals("availability")).findFirst().orElseThrow().budgeted();
        assertEquals(bad, availability.bad(), "no run failed after the shop was mended");
        assertTrue(availability.good() >= good, availability + " counts the runs since, too");
        assertEquals(1, view.recovery().incidents());
        assertEquals(1, view.recovery().resolved());
        assertEquals(null, view.openIncident());
    }

    private List<RunResult> runs() throws SQLException {
        return reader.planned(began.minusSeconds(60), Instant.now().plusSeconds(60), JOURNEY, null);
    }

    private long count(Outcome outcome) throws SQLException {
        return runs().stream().filter(r -> r.outcome() == outcome).count();
    }

    /** The planned time of the first UP run after the last DOWN one, or null. */
    private Instant upAfterDown() throws SQLException {
        List<RunResult> runs = runs();
        Instant lastDown = runs.stream().filter(r -> r.outcome() == Outcome.DOWN).map(RunResult::plannedAt)
                .reduce((a, b) -> b).orElse(null);
        return lastDown == null ? null : runs.stream().filter(r -> r.outcome() == Outcome.UP)
                .map(RunResult::plannedAt).filter(t -> t.isAfter(lastDown)).findFirst().orElse(null);
    }

    private static String outcomes(List<RunResult> runs) {
        return runs.stream().map(r -> r.plannedAt() + " " + r.outcome()).toList().toString();
    }

    private void faults(double rate) {
        client.toBlocking().exchange(HttpRequest.PUT("/api/demo/faults", Map.of("failureRate", rate))
                .bearerAuth(TOKEN));
    }

    private long lastChange() throws SQLException {
        List<StateChanges.Recorded> all = changes.after(0, Integer.MAX_VALUE);
        return all.isEmpty() ? 0 : all.getLast().id();
    }

    @FunctionalInterface
    interface Condition {
        boolean met() throws SQLException;
    }

    /** Passes as the leader would run them, until the condition holds (at most two minutes). */
    private void evaluateUntil(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.met()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within two minutes: " + outcomes(runs()));
            }
            evaluator.pass(Instant.now());
            Thread.sleep(PASS.toMillis());
        }
        evaluator.pass(Instant.now());
    }
}

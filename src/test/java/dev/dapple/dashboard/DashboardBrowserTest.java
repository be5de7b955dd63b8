package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.incident.IncidentEvaluator;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.rollup.RollupDeriver;
import dev.dapple.slo.SloEvaluator;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real browser (headless Chromium) against a real server whose embedded probe runs the demo
 * journey against the demo shop every 10 s: the shop fails the first run and then is mended, so there is an incident,
 * a good and a bad run, and an availability that is neither 0 nor 100%. An admin signs in and acknowledges the
 * incident through the page's form while it is open. Every figure the pages show is compared with
 * what the API says (the fact contract in the pages' {@code data-fact} attributes); each page is saved as a
 * screenshot under {@code target/screenshots/} for review.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest implements TestPropertyProvider {

    static final String TOKEN = "browser-admin-token";
    static final String JOURNEY = "demo-checkout";
    static final int NARROW = 420;
    static final Duration INTERVAL = Duration.ofSeconds(10);
    /** Time enough to read a page and the API before the next run is due. */
    static final Duration QUIET = Duration.ofSeconds(5);

    @Inject
    RunReader runs;
    @Inject
    IncidentEvaluator incidents;
    @Inject
    SloEvaluator slo;
    @Inject
    RollupDeriver rollups;
    @Inject
    JsonMapper json;

    private final Instant began = Instant.now();
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private HeadlessChromium chromium;

    @Override
    public Map<String, String> getProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            Path journeys = Files.createTempDirectory("dapple-browser-journeys-");
            Files.writeString(journeys.resolve("checkout.yaml"), demoJourney(port));
            Path secrets = Files.createTempDirectory("dapple-browser-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("micronaut.server.port", String.valueOf(port),
                    "dapple.journeys.dir", journeys.toString(),
                    "dapple.journeys.poll-interval", "200ms",
                    "dapple.secrets-dir", secrets.toString(),
                    "dapple.demo.failure-rate", "1"); // broken from the start; the test mends it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository's demo journey on this server's port, every 10 s (its file says 1m), with a recovery objective,
     * opening an incident at the first failed run.
     */
    static String demoJourney(int port) throws IOException {
        String demo = Files.readString(Path.of("journeys", "demo", "checkout.yaml"));
        String changed = demo.replace("http://localhost:8080/demo/shop", "http://localhost:" + port + "/demo/shop")
                .replace("interval: 1m", "interval: 10s")
                .replace("timeout: 20s", "timeout: 5s")
                .replace("  window: 28d", "  window: 28d\n  recovery: 5m") + "alert:\n  after: 1\n";
        for (String expected : List.of(":" + port + "/demo/shop", "interval: 10s", "timeout: 5s", "recovery: 5m")) {
            assertTrue(changed.contains(expected), "journeys/demo/checkout.yaml changed shape; the browser test"
                    + " could not set '" + expected + "' in:\n" + demo);
        }
        return changed;
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyPageShowsWhatTheApiSaysAndIsSavedAsAScreenshot() throws Exception {
        chromium = HeadlessChromium.start();
        await("a failed run", () -> count(Outcome.DOWN) >= 1);
        incidents.pass(Instant.now());
        anAdminAcknowledgesTheOpenIncidentThroughTheForm();
        api("PUT", "/api/demo/faults", "{\"failureRate\": 0}");
        await("a good run after the failure", () -> goodAfterDown());
        incidents.pass(Instant.now());

        // Figures come from the evaluator's snapshot (pages) and from the report (API): both are read in the quiet
        // time just after a run, and read again if a run arrived meanwhile.
        stable(this::overviewMatchesTheApi);
        String run = stable(this::journeyPageMatchesTheApi);
        stable(() -> runPageMatchesTheApi(run));
        stable(this::incidentsPageMatchesTheApi);
        for (String page : List.of("map", "probes", "status")) {
            load("/" + page);
            assertTrue(driver().findElements(By.tagName("h1")).size() == 1, page + ": " + driver().getPageSource());
            chromium.screenshot(page);
        }
        assertEquals(List.of(), chromium.seleniumManagerCalls(), "Selenium Manager must never be asked");
    }

    /** Signed in through the login form, the Acknowledge button on /incidents records who, as the API shows. */
    private void anAdminAcknowledgesTheOpenIncidentThroughTheForm() throws Exception {
        List<?> open = (List<?>) get("/api/incidents?state=open").get("incidents");
        assertEquals(1, open.size(), "the failed run opened one incident: " + open);
        Object id = ((Map<?, ?>) open.getFirst()).get("id");
        load("/incidents");
        assertTrue(driver().findElements(By.cssSelector("form[action=\"/incidents/" + id + "/ack\"]")).isEmpty(),
                "no Acknowledge button before signing in");
        load("/login?next=/incidents");
        driver().findElement(By.id("token")).sendKeys(TOKEN);
        driver().findElement(By.cssSelector("form.login button[type=submit]")).click();
        assertEquals("/incidents", URI.create(driver().getCurrentUrl()).getPath());
        chromium.screenshot("incidents-open");
        WebElement form = driver().findElement(By.cssSelector("form[action=\"/incidents/" + id + "/ack\"]"));
        form.findElement(By.name("by")).sendKeys("Browser Test");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("/incidents", URI.create(driver().getCurrentUrl()).getPath(), "back on the page (PRG)");
        assertEquals("Browser Test", get("/api/incidents/" + id).get("acknowledgedBy"));
        WebElement row = driver().findElement(By.cssSelector("tr[data-incident=\"" + id + "\"]"));
        assertTrue(fact(row, "td", "acknowledged").startsWith("by Browser Test"), row.getText());
    }

    /** Overview: per journey row, availability and state as the API gives them; the header counts. */
    private String overviewMatchesTheApi() throws Exception {
        load("/");
        List<WebElement> rows = driver().findElements(By.cssSelector("tr[data-journey]"));
        assertFalse(rows.isEmpty(), "no tr[data-journey] on the overview:\n" + driver().getPageSource());
        Map<?, ?> snapshots = get("/api/slo");
        int down = 0;
        for (WebElement row : rows) {
            String name = row.getAttribute("data-journey");
            assertEquals(Display.percent(availability(name).sli()), fact(row, "td", "availability"), name);
            Health health = Health.of(dev.dapple.slo.JourneyState.valueOf(state(snapshots, name)));
            assertTrue(fact(row, "td", "state").contains(health.label()), name + " should read " + health.label());
            down += health == Health.DOWN ? 1 : 0;
        }
        assertEquals(down, leadingNumber(fact(driver(), "li", "count-down")), "count-down");
        assertEquals(openIncidents(), leadingNumber(fact(driver(), "li", "open-incidents")), "open-incidents");
        for (String count : List.of("count-degraded", "count-up", "probes-silent")) {
            leadingNumber(fact(driver(), "li", count));
        }
        chromium.screenshot("overview");
        chromium.narrowScreenshot("overview", NARROW);
        return null;
    }

    /** Journey page, reached by its link on the overview: SLI, budget left, and each recent run's outcome. */
    private String journeyPageMatchesTheApi() throws Exception {
        load("/");
        driver().findElement(By.cssSelector("tr[data-journey=\"" + JOURNEY + "\"] a[href=\"/journeys/" + JOURNEY
                + "\"]")).click();
        assertEquals("/journeys/" + JOURNEY, URI.create(driver().getCurrentUrl()).getPath());
        Figures availability = availability(JOURNEY);
        assertEquals(Display.percent(availability.sli()), fact(driver(), "dd", "sli"));
        assertEquals(Display.percent(availability.budgetRemaining()), fact(driver(), "dd", "budget-remaining"));
        List<WebElement> recent = driver().findElements(By.cssSelector("tr[data-run]"));
        assertTrue(recent.size() >= 2, "a failed and a good run at least:\n" + driver().getPageSource());
        for (WebElement row : recent) {
            String id = row.getAttribute("data-run");
            assertEquals(1, row.findElements(By.cssSelector("a[href=\"/runs/" + id + "\"]")).size(), id);
            assertEquals(get("/api/runs/" + id).get("outcome"), fact(row, "td", "outcome"), id);
        }
        String first = recent.getFirst().getAttribute("data-run");
        chromium.screenshot("journey");
        chromium.narrowScreenshot("journey", NARROW);
        return first;
    }

    /** Run page, reached by clicking the first recent run: outcome, journey, each step's status and duration. */
    private String runPageMatchesTheApi(String id) throws Exception {
        load("/journeys/" + JOURNEY);
        driver().findElement(By.cssSelector("tr[data-run=\"" + id + "\"] a[href=\"/runs/" + id + "\"]")).click();
        assertEquals("/runs/" + id, URI.create(driver().getCurrentUrl()).getPath());
        Map<?, ?> run = get("/api/runs/" + id);
        assertEquals(run.get("outcome"), fact(driver(), "dd", "outcome"));
        assertEquals(JOURNEY, fact(driver(), "dd", "journey"));
        List<?> steps = (List<?>) run.get("steps");
        assertFalse(steps.isEmpty(), run.toString());
        for (Object item : steps) {
            Map<?, ?> step = (Map<?, ?>) item;
            WebElement row = driver().findElement(By.cssSelector("tr[data-step=\"" + step.get("name") + "\"]"));
            assertEquals(step.get("outcome"), fact(row, "td", "step-status"), step.toString());
            Number micros = (Number) step.get("durationUs");
            String shown = fact(row, "td", "step-duration");
            // Whole or fractional milliseconds may be what the page hands Display.millis; both are the API's value.
            assertTrue(micros == null ? shown.equals(Display.UNKNOWN)
                            : shown.equals(Display.millis(micros.longValue() / 1000.0))
                            || shown.equals(Display.millis(micros.longValue() / 1000)),
                    step.get("name") + ": " + shown + " for " + micros + " µs");
        }
        chromium.screenshot("run");
        return null;
    }

    /** Incidents page: the incident the failed run opened, with its journey link and duration. */
    private String incidentsPageMatchesTheApi() throws Exception {
        load("/incidents");
        List<?> listed = (List<?>) get("/api/incidents?journey=" + JOURNEY).get("incidents");
        assertFalse(listed.isEmpty(), "the failed run opened an incident");
        for (Object item : listed) {
            Map<?, ?> incident = (Map<?, ?>) item;
            WebElement row = driver().findElement(By.cssSelector("tr[data-incident=\"" + incident.get("id") + "\"]"));
            assertEquals(1, row.findElements(By.cssSelector("a[href=\"/journeys/" + JOURNEY + "\"]")).size());
            assertEquals(Display.span(Duration.ofSeconds(((Number) incident.get("durationSeconds")).longValue())),
                    fact(row, "td", "duration"), incident.toString());
        }
        chromium.screenshot("incidents");
        return null;
    }

    @FunctionalInterface
    interface Check {
        String run() throws Exception;
    }

    /**
     * Runs a page check while no run is due, so none lands between reading the page and the API (runs are planned
     * every 10 s on the epoch's grid); when one did land anyway (a slow machine), the check runs once more.
     */
    private String stable(Check check) throws Exception {
        for (int attempt = 1; ; attempt++) {
            List<RunResult> before = all();
            Instant due = before.getLast().plannedAt().plus(INTERVAL);
            if (Duration.between(Instant.now(), due).compareTo(QUIET) < 0) {
                await("the run planned at " + due, () -> all().size() > before.size());
            }
            rollups.pass(Instant.now());
            slo.pass(Instant.now());
            int arrived = all().size();
            try {
                return check.run();
            } catch (AssertionError | WebDriverException e) {
                if (attempt == 2 || all().size() == arrived) {
                    throw e;
                }
            }
        }
    }

    record Figures(Double sli, Double budgetRemaining) {
    }

    /** Availability's budgeted figures from {@code GET /api/journeys/NAME/slo}. */
    private Figures availability(String journey) throws Exception {
        for (Object item : (List<?>) get("/api/journeys/" + journey + "/slo").get("objectives")) {
            Map<?, ?> objective = (Map<?, ?>) item;
            if ("availability".equals(objective.get("objective"))) {
                Map<?, ?> budgeted = (Map<?, ?>) objective.get("budgeted");
                return new Figures(number(budgeted.get("sli")), number(budgeted.get("budgetRemaining")));
            }
        }
        throw new AssertionError(journey + " has no availability objective");
    }

    private static String state(Map<?, ?> snapshots, String journey) {
        for (Object item : (List<?>) snapshots.get("journeys")) {
            if (journey.equals(((Map<?, ?>) item).get("journey"))) {
                return (String) ((Map<?, ?>) item).get("state");
            }
        }
        return "NO_DATA";
    }

    private int openIncidents() throws Exception {
        return ((List<?>) get("/api/incidents?state=open").get("incidents")).size();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static String fact(org.openqa.selenium.SearchContext in, String tag, String name) {
        List<WebElement> found = in.findElements(By.cssSelector(tag + "[data-fact=\"" + name + "\"]"));
        assertEquals(1, found.size(), "one " + tag + "[data-fact=" + name + "]");
        return found.getFirst().getText().strip();
    }

    private static int leadingNumber(String text) {
        var matcher = java.util.regex.Pattern.compile("^(\\d+)").matcher(text);
        assertTrue(matcher.find(), "a count starts with its number: '" + text + "'");
        return Integer.parseInt(matcher.group(1));
    }

    private ChromeDriver driver() {
        return chromium.driver();
    }

    private void load(String path) {
        driver().get("http://localhost:" + port + path);
    }

    private List<RunResult> all() throws SQLException {
        return runs.planned(began.minusSeconds(60), Instant.now().plusSeconds(60), JOURNEY, null);
    }

    private long count(Outcome outcome) throws SQLException {
        return all().stream().filter(r -> r.outcome() == outcome).count();
    }

    private boolean goodAfterDown() throws SQLException {
        List<RunResult> all = all();
        int firstDown = all.stream().map(RunResult::outcome).toList().indexOf(Outcome.DOWN);
        return firstDown >= 0 && all.subList(firstDown, all.size()).stream()
                .anyMatch(r -> r.outcome() == Outcome.UP || r.outcome() == Outcome.DEGRADED);
    }

    @FunctionalInterface
    interface Condition {
        boolean met() throws Exception;
    }

    /** Polls until the condition holds; runs come every 10 s, so 25 s is two of them and then some. */
    private void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 25 s: " + all().stream()
                        .map(r -> r.plannedAt() + " " + r.outcome()).toList());
            }
            Thread.sleep(200);
        }
    }

    private Map<?, ?> get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return json.readValue(response.body(), Map.class);
    }

    private void api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + ": " + response.statusCode() + " " + response.body());
    }
}

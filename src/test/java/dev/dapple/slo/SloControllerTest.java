package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.http.Problem;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.leader.MutableClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SLO API through a real embedded server and a published journey. The counts are hand-computed
 * ({@link InMemorySloCounts}); IncidentScenarioTest reads the same API over real rollups.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SloControllerTest {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final double EXACT = 1e-9;

    private final InMemorySloCounts counts = new InMemorySloCounts()
            // eu-west: 1000 runs in the last hour, 20 bad two minutes ago; us-east: 1000 good runs a day ago
            .add("checkout", Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofMinutes(50)), 900, 0)
            .add("checkout", Objective.AVAILABILITY, "eu-west", T0.minus(Duration.ofMinutes(2)), 80, 20)
            .add("checkout", Objective.AVAILABILITY, "us-east", T0.minus(Duration.ofDays(1)), 1000, 0)
            .add("checkout", new Objective.StepAvailability("login"), "eu-west", T0.minus(Duration.ofDays(1)), 2000, 0);

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    PublishedJourneyRepository published;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    SloEvaluator evaluator;

    @MockBean(SloCounts.class)
    SloCounts counts() {
        return counts;
    }

    @MockBean(Clock.class)
    Clock clock() {
        return new MutableClock(T0);
    }

    @BeforeAll
    void publish() {
        versions.save(new JourneyVersion(new JourneyVersion.Key("checkout", "h1"),
                SloJourneys.yaml("checkout", "availability: 99.9%\nwindow: 30d"), T0));
        published.save(new PublishedJourney("checkout", "h1", "journeys/checkout.yaml", T0));
    }

    private Map<?, ?> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @Test
    void everyFigureOfAKnownJourney() {
        Map<?, ?> slo = get("/api/journeys/checkout/slo");

        assertEquals("checkout", slo.get("journey"));
        assertEquals(Map.of("kind", "rolling", "start", "2026-10-24T12:00:00Z", "end", "2026-11-23T12:00:00Z",
                "length", "30d", "lengthSeconds", 2_592_000), without(slo.get("window"), "zone"));
        Map<?, ?> availability = (Map<?, ?>) ((List<?>) slo.get("objectives")).getFirst();
        assertEquals("availability", availability.get("objective"));
        assertEquals("occurrences", availability.get("budgeting"));
        Map<?, ?> budgeted = (Map<?, ?>) availability.get("budgeted");
        assertEquals(2000, budgeted.get("valid"));
        assertEquals(0.99, number(budgeted.get("sli")), EXACT);              // 1980 / 2000
        assertEquals(2.0, number(budgeted.get("allowedBad")), EXACT);        // 0.001 × 2000
        assertEquals(-9.0, number(budgeted.get("budgetRemaining")), EXACT);  // 1 − 20 / 2
        Map<?, ?> rates = (Map<?, ?>) budgeted.get("burnRates");
        assertEquals(200.0, number(rates.get("5m")), EXACT);  // 20 / 100 / 0.001
        assertEquals(20.0, number(rates.get("1h")), EXACT);   // 20 / 1000 / 0.001
        assertEquals(10.0, number(rates.get("3d")), EXACT);   // 20 / 2000 / 0.001
        assertEquals("exhausted", ((Map<?, ?>) budgeted.get("exhaustion")).get("state"));

        Map<?, ?> locations = (Map<?, ?>) availability.get("locations");
        assertEquals(0.98, number(((Map<?, ?>) locations.get("eu-west")).get("sli")), EXACT); // 980 / 1000
        Map<?, ?> usEast = (Map<?, ?>) locations.get("us-east");
        assertEquals(1.0, number(usEast.get("sli")), EXACT);
        Map<?, ?> usRates = (Map<?, ?>) usEast.get("burnRates");
        assertTrue(usRates.containsKey("1h") && usRates.get("1h") == null, "no runs in the hour: null, not 0");

        Map<?, ?> page = (Map<?, ?>) ((List<?>) availability.get("burnAlerts")).getFirst();
        assertEquals("page-1h", page.get("rule"));
        assertEquals("PAGE", page.get("urgency"));
        assertEquals(14.4, number(page.get("threshold")), EXACT);
        assertEquals(true, page.get("burning"));

        Map<?, ?> process = (Map<?, ?>) slo.get("processAvailability");
        assertEquals(0.99, number(process.get("workflow")), EXACT);
        assertEquals(Map.of("step", "login", "valid", 2000, "good", 2000, "bad", 0, "sli", 1.0),
                ((List<?>) process.get("steps")).getFirst());
        Map<?, ?> pay = (Map<?, ?>) ((List<?>) process.get("steps")).get(1);
        assertTrue(pay.containsKey("sli") && pay.get("sli") == null, "a step without runs is unknown");
    }

    @Test
    void snapshotsAndFiringAlertsAfterAnEvaluation() throws SQLException {
        assertEquals(new SloEvaluator.Outcome(1, List.of(), List.of()), evaluator.pass(T0));

        List<?> journeys = (List<?>) get("/api/slo").get("journeys");
        assertEquals(1, journeys.size());
        Map<?, ?> snapshot = (Map<?, ?>) journeys.getFirst();
        assertEquals("checkout", snapshot.get("journey"));
        assertEquals("2026-11-23T12:00:00Z", snapshot.get("evaluatedAt"));
        assertEquals(0.99, number(snapshot.get("sli")), EXACT);
        assertEquals(-9.0, number(snapshot.get("budgetRemaining")), EXACT);
        assertEquals(20.0, number(snapshot.get("burnRate1h")), EXACT);
        assertEquals(List.of("page-1h", "page-6h", "ticket-1d", "ticket-3d"), ((List<?>) snapshot.get("firingAlerts"))
                .stream().map(a -> ((Map<?, ?>) a).get("rule")).toList());
        assertEquals("checkout", ((Map<?, ?>) snapshot.get("report")).get("journey"));

        List<?> firing = (List<?>) get("/api/journeys/checkout/slo").get("firingBurnAlerts");
        assertEquals(4, firing.size());
        Map<?, ?> page = (Map<?, ?>) firing.getFirst();
        assertEquals("availability", page.get("objective"));
        assertEquals("2026-11-23T12:00:00Z", page.get("firedAt"));
        assertEquals(false, page.get("drill"));
    }

    @Test
    void anUnknownJourneyIsA404Problem() {
        var error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/api/journeys/nope/slo", Map.class));
        assertEquals(HttpStatus.NOT_FOUND, error.getStatus());
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString());
        assertEquals("no published journey named 'nope'",
                error.getResponse().getBody(Map.class).orElseThrow().get("detail"));
    }

    private static Map<?, ?> without(Object map, String key) {
        var copy = new java.util.HashMap<>((Map<?, ?>) map);
        assertTrue(copy.containsKey(key), key + " is shown");
        assertNull(copy.remove(key), key + " is null for a rolling window");
        return copy;
    }
}

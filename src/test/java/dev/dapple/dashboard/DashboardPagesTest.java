package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.database.Timestamps;
import dev.dapple.journey.JourneyError;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import dev.dapple.rollup.BucketSize;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The overview, the map and the status page over HTTP, against stored journeys, snapshots, runs and rollups. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "dapple.probe.embedded", value = "false")
class DashboardPagesTest {

    static final String CHECKOUT = """
            name: checkout
            owner: team-payments
            tags: [shop]
            runbook: https://wiki.example.com/runbooks/checkout
            interval: 1m
            steps:
              - name: login
                get: https://shop.example.com/login
              - name: pay
                get: https://shop.example.com/pay
            slo:
              availability: 99.9%
              window: 7d
            """;
    static final String SEARCH = """
            name: search
            owner: team-search
            interval: 1m
            steps:
              - name: query
                get: https://shop.example.com/search
            """;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogWriter writer;
    @Inject
    RunWriter runs;
    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant now = Instant.now();
    private final Instant hour = BucketSize.HOUR.floor(now);
    private final LocalDate threeDaysAgo = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(3);

    @BeforeAll
    void store() throws Exception {
        writer.write(new CatalogWriter.Scan(List.of(
                new CatalogWriter.Candidate("checkout", "h1", "journeys/checkout.yaml", CHECKOUT),
                new CatalogWriter.Candidate("search", "h2", "journeys/search.yaml", SEARCH)),
                List.of(new JourneyError("journeys/broken.yaml", 4, 3, "unknown key 'gett'")),
                Set.of("journeys/broken.yaml")), now);
        Instant planned = now.minusSeconds(90);
        runs.write(List.of(run("checkout", "eu-west", planned, Outcome.DOWN), run("checkout", "us-east", planned,
                Outcome.UP), run("search", "eu-west", planned, Outcome.UP)));
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            update(c, "INSERT INTO slo_snapshots (journey, evaluated_at, sli, budget_remaining, burn_rate_1h,"
                    + " firing_alerts, report, state, open_incident) VALUES ('checkout', ?, 0.97654, -0.5, 12.0, 1,"
                    + " '{}', 'INCIDENT', 1)", now);
            update(c, "INSERT INTO slo_snapshots (journey, evaluated_at, sli, budget_remaining, burn_rate_1h,"
                    + " firing_alerts, report, state) VALUES ('search', ?, 0.9995, 0.9, 0.1, 0, '{}', 'OK')", now);
            update(c, "INSERT INTO incidents (journey, started_at, locations, failing_steps, no_data, drill, bad_runs,"
                    + " recovery_breached, opened_at) VALUES ('checkout', ?, '[\"eu-west\"]', '[]', FALSE, FALSE, 3,"
                    + " FALSE, ?)", now.minusSeconds(600), now.minusSeconds(540));
            for (String position : List.of("minutes", "hours", "days")) {
                BucketSize size = BucketSize.valueOf(position.equals("minutes") ? "MINUTE"
                        : position.equals("hours") ? "HOUR" : "DAY");
                update(c, "INSERT INTO rollup_progress (name, position) VALUES ('" + position + "', ?)",
                        size.floor(now));
            }
            Instant lastHour = hour.minusSeconds(3600);
            slo(c, 3600, lastHour, "checkout", "availability", "eu-west", 45, 15); // 75%
            slo(c, 3600, lastHour, "checkout", "availability", "us-east", 60, 0);
            slo(c, 3600, lastHour, "checkout", "step:login", "eu-west", 60, 0);
            slo(c, 3600, lastHour, "checkout", "step:pay", "eu-west", 45, 15);
            slo(c, 3600, lastHour, "checkout", "availability", "*", 1, 1000); // time slices never count here
            slo(c, 86_400, threeDaysAgo.atStartOfDay(ZoneOffset.UTC).toInstant(), "checkout", "availability",
                    "eu-west", 990, 10);
            Histogram durations = new Histogram(3);
            durations.recordValueWithCount(250_000, 100);
            ByteBuffer buffer = ByteBuffer.allocate(durations.getNeededByteBufferCapacity());
            byte[] compressed = new byte[durations.encodeIntoCompressedByteBuffer(buffer)];
            buffer.flip().get(compressed);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO journey_rollups (journey, location,"
                    + " bucket_seconds, bucket_start, up_count, degraded_count, down_count, error_count, histogram)"
                    + " VALUES ('checkout', 'eu-west', 3600, ?, 100, 0, 0, 0, ?)")) {
                insert.setObject(1, Timestamps.of(lastHour));
                insert.setBytes(2, compressed);
                insert.executeUpdate();
            }
        }
    }

    @Test
    void theOverviewShowsCountsAndEachJourneysStoredFacts() throws Exception {
        HttpResponse<String> response = get("/");
        assertEquals(200, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("<li data-fact=\"count-down\"><span class=\"state state-down\">1 Down"), html);
        assertTrue(html.contains("<li data-fact=\"count-up\"><span class=\"state state-up\">1 Up"), html);
        assertTrue(html.contains("<li data-fact=\"open-incidents\"><a href=\"/incidents\">1 open incident</a>"), html);
        assertTrue(html.contains("<li data-fact=\"probes-silent\"><a href=\"/probes\">0 locations"), html);

        String checkout = OverviewTemplateTest.row(html, "checkout");
        assertTrue(checkout.contains("<td data-fact=\"state\"><span class=\"state state-down\">Down</span>"), checkout);
        assertTrue(checkout.contains("<td data-fact=\"availability\" class=\"num\">97.65%</td>"), checkout);
        assertTrue(checkout.contains("target 99.9% over 7d") && checkout.contains("-50%"), checkout);
        assertTrue(checkout.contains("<td data-fact=\"burn-rate\" class=\"num\">12×</td>"), checkout);
        assertTrue(checkout.contains("eu-west DOWN") && checkout.contains("us-east UP"), checkout);
        assertTrue(checkout.contains("<td data-fact=\"p95\" class=\"num\">250 ms</td>"), checkout);
        assertTrue(checkout.contains("since <time datetime=\"" + Display.iso(now.minusSeconds(600)) + "\""), checkout);
        assertTrue(checkout.contains("<a href=\"https://wiki.example.com/runbooks/checkout\">Runbook</a>"), checkout);
        String search = OverviewTemplateTest.row(html, "search");
        assertTrue(search.contains("<span class=\"state state-up\">Up</span>") && search.contains("99.95%"), search);
        assertTrue(search.contains("<td data-fact=\"p95\" class=\"num\">–</td>"), "no rollup, no figure: " + search);

        assertTrue(html.contains("<code>journeys/broken.yaml:4:3</code>"), html);
        assertTrue(html.indexOf("<caption>team-payments") < html.indexOf("<caption>team-search"), "failing group first");

        String byTag = get("/?group=tag&only=shop").body();
        assertTrue(byTag.contains("data-journey=\"checkout\"") && !byTag.contains("data-journey=\"search\""), byTag);

        HttpResponse<String> bad = get("/?group=colour");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("group must be owner or tag, not 'colour'"), bad.body());
    }

    @Test
    void theMapShowsEachJourneyAndStepPerLocationAndPerHour() throws Exception {
        String html = get("/map").body();
        assertTrue(html.contains("<th scope=\"col\" class=\"num\">eu-west</th><th scope=\"col\" class=\"num\">us-east"
                + "</th>") || (html.contains(">eu-west</th>") && html.contains(">us-east</th>")), html);
        assertTrue(html.contains("<td class=\"cell h0\" title=\"checkout at eu-west: 75% of 60 runs good\">"
                + "<a href=\"/journeys/checkout\">75%</a></td>"), html);
        assertTrue(html.contains("title=\"checkout at us-east: 100% of 60 runs good\""), html);
        assertTrue(html.contains("title=\"checkout › login at eu-west: 100% of 60 runs good\""), html);
        assertTrue(html.contains("title=\"checkout › pay at eu-west: 75% of 60 runs good\""), html);
        assertTrue(html.contains("title=\"search at eu-west: no runs counted\""), html);

        String byHour = get("/map?view=time").body();
        assertTrue(byHour.contains("title=\"checkout, " + Display.utc(hour.minusSeconds(3600))
                + " + 1 h: 87.5% of 120 runs good\""), byHour);

        HttpResponse<String> bad = get("/map?window=2d");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("window must be 1h, 24h or 7d, not '2d'"), bad.body());
        assertEquals(400, get("/map?view=sideways").statusCode());
    }

    @Test
    void theStatusPageShowsGroupsAndDailyBarsAndNothingInternal() throws Exception {
        HttpResponse<String> response = get("/status");
        assertEquals(200, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("data-group=\"shop\"") && html.contains("data-group=\"Other services\""), html);
        assertTrue(html.contains("<title>" + threeDaysAgo + ": 99% uptime</title>"), html);
        assertTrue(html.contains("<title>" + threeDaysAgo.minusDays(1) + ": no data</title>"), html);
        assertTrue(html.contains("Overall: <span class=\"state state-down\">Down</span>"), html);
        for (String internal : List.of("shop.example.com", "wiki.example.com", "eu-west", "broken.yaml", "team-",
                "/incidents", "jdbc")) {
            assertFalse(html.contains(internal), "the public page shows " + internal);
        }
    }

    private static RunResult run(String journey, String location, Instant planned, Outcome outcome) {
        return new RunResult(RunIds.of(journey, location, planned), journey, "h", location, "probe-1", planned,
                planned, 200_000L, outcome, outcome == Outcome.DOWN ? ErrorKind.ASSERTION : null,
                outcome == Outcome.DOWN ? "status == 200: found 503" : null, List.of());
    }

    private static void slo(Connection c, int seconds, Instant start, String journey, String objective,
                            String location, int good, int bad) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO slo_rollups (journey, objective, location,"
                + " bucket_seconds, bucket_start, good_count, bad_count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, journey);
            insert.setString(2, objective);
            insert.setString(3, location);
            insert.setInt(4, seconds);
            insert.setObject(5, Timestamps.of(start));
            insert.setInt(6, good);
            insert.setInt(7, bad);
            insert.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Instant... times) throws Exception {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < times.length; i++) {
                statement.setObject(i + 1, Timestamps.of(times[i]));
            }
            statement.executeUpdate();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

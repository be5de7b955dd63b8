package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The badge endpoint over HTTP, against the catalog and a stored SLO snapshot. */
@MicronautTest(transactional = false)
class BadgeControllerTest {

    static final String JOURNEY = """
            name: checkout
            interval: 1m
            steps:
              - name: home
                get: https://shop.example.com/
            """;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogWriter writer;
    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJourneysBadgeShowsItsLastEvaluatedStateAndAnUnknownOneIsA404Badge() throws Exception {
        HttpResponse<String> unknown = get("/badge/nope.svg");
        assertEquals(404, unknown.statusCode());
        assertEquals("image/svg+xml", unknown.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(unknown.body().contains("nope: unknown journey"), unknown.body());

        writer.write(new CatalogWriter.Scan(List.of(new CatalogWriter.Candidate("checkout", "h1",
                "journeys/checkout.yaml", JOURNEY)), List.of(), Set.of()), Instant.now());
        assertTrue(get("/badge/checkout.svg").body().contains("checkout: no data"), "published, never evaluated");

        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var insert = connection.prepareStatement("INSERT INTO slo_snapshots (journey, evaluated_at, sli,"
                     + " firing_alerts, report, state, open_incident) VALUES ('checkout', ?, 0.975, 0, '{}',"
                     + " 'INCIDENT', 3)")) {
            insert.setObject(1, Timestamps.of(Instant.now()));
            insert.executeUpdate();
        }
        HttpResponse<String> down = get("/badge/checkout.svg");
        assertEquals(200, down.statusCode());
        assertTrue(down.body().contains("aria-label=\"checkout: down · 97.5%\""), down.body());
        assertEquals("max-age=60", down.headers().firstValue("Cache-Control").orElseThrow());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

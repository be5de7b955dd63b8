package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.JourneyError;
import dev.dapple.leader.LeaderLease;
import dev.dapple.maintenance.MaintenanceCalendar;
import dev.dapple.maintenance.MaintenanceStore;
import dev.dapple.maintenance.Window;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * journeys/maintenance.yaml through the catalog publisher: not a journey, its windows published into the store
 * (replaced, removed ones soft-deleted), an invalid file's errors in the catalog while the last valid schedule stays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceScheduleCatalogTest implements TestPropertyProvider {

    private static final String TWO_WINDOWS = """
            windows:
              - name: upgrade
                journeys: [checkout]
                start: 2026-12-01T22:00
                end: 2026-12-02T01:00
                zone: UTC
              - name: rehearsal
                kind: drill
                weekly: { days: [Tue], start: "10:00", duration: 1h }
                zone: UTC
            """;

    private final Path dir = tempDir();

    @Inject
    CatalogPublisher publisher;
    @Inject
    Catalog catalog;
    @Inject
    LeaderLease lease;
    @Inject
    MaintenanceStore store;
    @Inject
    MaintenanceCalendar calendar;
    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("dapple.journeys.dir", dir.toString(), "dapple.journeys.poll-interval", "1h");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dapple-maintenance-catalog-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScheduleIsPublishedReplacedAndKeptWhileInvalid() throws Exception {
        CatalogFiles.awaitLeader(lease);
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        Path file = write(dir, "maintenance.yaml", TWO_WINDOWS);

        assertEquals(List.of("published checkout (" + CatalogFiles.hash(journey("checkout", "1m")).substring(0, 8) + "…)",
                file + ": published maintenance window upgrade", file + ": published drill window rehearsal"),
                publisher.publish());
        assertEquals(List.of("checkout"), catalog.published().stream().map(j -> j.name()).toList(),
                "maintenance.yaml is not a journey");
        assertEquals(List.of("upgrade", "rehearsal"), active());
        Instant tuesdayTen = Instant.parse("2026-12-01T10:30:00Z");
        assertEquals(MaintenanceCalendar.Mode.DRILL, calendar.modeAt("login", List.of(), tuesdayTen));
        assertEquals(MaintenanceCalendar.Mode.MAINTENANCE,
                calendar.modeAt("checkout", List.of(), Instant.parse("2026-12-01T23:00:00Z")));
        assertEquals(List.of(), publisher.publish(), "an unchanged schedule writes nothing");

        write(dir, "maintenance.yaml", TWO_WINDOWS.replace("kind: drill", "kind: dril"));
        List<String> changes = publisher.publish();
        assertEquals(List.of(file + ": invalid: windows[1].kind: 'dril' is not one of maintenance, drill"
                + " (did you mean 'drill'?) (line 8)"), changes);
        assertEquals(List.of(new JourneyError(file.toString(), 8, 11,
                "windows[1].kind: 'dril' is not one of maintenance, drill (did you mean 'drill'?)")), catalog.errors());
        assertEquals(List.of("upgrade", "rehearsal"), active(), "the last valid schedule stays in force");
        String api = client.toBlocking().retrieve(HttpRequest.GET("/api/catalog"));
        assertTrue(api.contains("'dril' is not one of maintenance, drill"), api);

        write(dir, "maintenance.yaml", TWO_WINDOWS.substring(0, TWO_WINDOWS.indexOf("  - name: rehearsal")));
        assertEquals(List.of(file + ": no longer invalid", file + ": removed drill window rehearsal"), publisher.publish());
        assertEquals(List.of("upgrade"), active());
        assertTrue(store.all().stream().filter(w -> w.definition().name().equals("rehearsal")).allMatch(Window::deleted),
                "kept as deleted, so changedSince reports it");
        assertEquals(MaintenanceCalendar.Mode.NONE, calendar.modeAt("login", List.of(), tuesdayTen));

        Files.delete(file);
        assertEquals(List.of(file + ": removed maintenance window upgrade"), publisher.publish());
        assertEquals(List.of(), active());
    }

    private List<String> active() throws SQLException {
        return store.all().stream().filter(w -> !w.deleted()).map(w -> w.definition().name()).toList();
    }
}

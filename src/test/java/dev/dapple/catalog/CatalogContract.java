package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.hash;
import static dev.dapple.catalog.CatalogFiles.invalid;
import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.leader.LeaderLease;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The published catalog on every database: each database gets a subclass ({@link H2CatalogTest},
 * {@link PostgresCatalogTest}). The tests drive {@link CatalogPublisher#publish()} directly; the poll is too slow
 * to matter here ({@link CatalogRestartTest} covers it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogContract implements TestPropertyProvider {

    final Path dir = tempDir();

    @Inject
    CatalogPublisher publisher;
    @Inject
    Catalog catalog;
    @Inject
    LeaderLease lease;
    @Inject
    PublishedJourneyRepository journeys;
    @Inject
    JourneyVersionRepository versions;
    @Inject
    CatalogErrorRepository errors;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

    /** The store's properties. */
    abstract Map<String, String> store();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(store());
        properties.put("dapple.journeys.dir", dir.toString());
        properties.put("dapple.journeys.poll-interval", "1h");
        return properties;
    }

    @BeforeEach
    void empty() throws InterruptedException {
        CatalogFiles.clear(dir);
        errors.deleteAll();
        versions.deleteAll();
        journeys.deleteAll();
        CatalogFiles.awaitLeader(lease);
    }

    @Test
    void aNewFileIsPublishedWithItsHashAndVersion() {
        String text = journey("checkout", "1m");
        Path file = write(dir, "shop/checkout.yaml", text);

        List<String> changes = publisher.publish();

        assertEquals(List.of("published checkout (" + hash(text).substring(0, 8) + "…)"), changes);
        PublishedJourney row = journeys.findById("checkout").orElseThrow();
        assertEquals(hash(text), row.contentHash());
        assertEquals(file.toString(), row.sourcePath());
        assertEquals(text, versions.findById(new JourneyVersion.Key("checkout", hash(text))).orElseThrow().definition());
        Journey served = catalog.current().getFirst();
        assertEquals("checkout", served.name());
        assertEquals(hash(text), served.contentHash());
        assertEquals(file, served.sourcePath());
        assertEquals(List.of(), publisher.publish(), "an unchanged folder writes nothing");
        assertEquals(row, journeys.findById("checkout").orElseThrow());
    }

    @Test
    void aChangedFileIsANewVersionAndTheOldOneIsKept() {
        String v1 = journey("checkout", "1m");
        String v2 = journey("checkout", "5m");
        write(dir, "checkout.yaml", v1);
        publisher.publish();
        write(dir, "checkout.yaml", v2);

        assertEquals(1, publisher.publish().size());

        assertEquals(hash(v2), journeys.findById("checkout").orElseThrow().contentHash());
        assertEquals(2, versions.count());
        assertTrue(versions.existsById(new JourneyVersion.Key("checkout", hash(v1))));
        assertEquals(java.time.Duration.ofMinutes(5), catalog.current().getFirst().interval());
    }

    @Test
    void aJourneyIsReadOnThePassedTransactionSeeingItsUncommittedWrites() throws Exception {
        String v1 = journey("checkout", "1m");
        String v2 = journey("checkout", "5m");
        write(dir, "checkout.yaml", v1);
        publisher.publish();
        write(dir, "checkout.yaml", v2);
        publisher.publish();
        write(dir, "checkout.yaml", v1);
        publisher.publish(); // both versions stored, v1 published
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.setAutoCommit(false);
            try (var update = connection.prepareStatement("UPDATE journeys SET content_hash = ? WHERE name = ?")) {
                update.setString(1, hash(v2));
                update.setString(2, "checkout");
                update.executeUpdate();
            }
            assertEquals(java.time.Duration.ofMinutes(5),
                    catalog.current(connection, "checkout").orElseThrow().interval(), "its own uncommitted version");
            assertEquals(java.time.Duration.ofMinutes(1), catalog.current("checkout").orElseThrow().interval(),
                    "another connection still sees the committed one");
            assertEquals(java.util.Optional.empty(), catalog.current(connection, "search"), "not published");
            connection.rollback();
        }
    }

    @Test
    void anUnchangedFileIsNotParsedAgainButASameSizeRewriteInTheSameSecondIsPublished() throws IOException {
        Path file = write(dir, "checkout.yaml", journey("checkout", "1m"));
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
        publisher.publish();
        long parses = publisher.parses();

        assertEquals(List.of(), publisher.publish());
        assertEquals(parses, publisher.parses(), "an unchanged file is not parsed again");

        String v2 = journey("checkout", "5m");
        write(dir, "checkout.yaml", v2);
        Files.setLastModifiedTime(file, written); // same size, same modification time
        assertEquals(List.of("published checkout (" + hash(v2).substring(0, 8) + "…)"), publisher.publish());
        assertEquals(parses + 1, publisher.parses());
    }

    @Test
    void anInvalidChangeKeepsTheLastValidVersionAndShowsTheErrorUntilFixed() {
        String v1 = journey("checkout", "1m");
        Path file = write(dir, "checkout.yaml", v1);
        publisher.publish();
        write(dir, "checkout.yaml", invalid("checkout"));

        List<String> changes = publisher.publish();

        assertEquals(1, changes.size(), changes.toString());
        assertTrue(changes.getFirst().startsWith(file + ": invalid, keeping the published version: "), changes.toString());
        assertEquals(hash(v1), journeys.findById("checkout").orElseThrow().contentHash());
        assertEquals(List.of(hash(v1)), catalog.current().stream().map(Journey::contentHash).toList());
        List<JourneyError> shown = catalog.errors();
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(e -> e.path().equals(file.toString())), shown.toString());
        assertTrue(shown.stream().anyMatch(e -> e.message().contains("intervall")), shown.toString());
        assertEquals(List.of(), publisher.publish(), "the same errors are not written or logged again");

        String v2 = journey("checkout", "2m");
        write(dir, "checkout.yaml", v2);
        List<String> fixed = publisher.publish();

        assertEquals(List.of("published checkout (" + hash(v2).substring(0, 8) + "…)", file + ": no longer invalid"), fixed);
        assertEquals(List.of(), catalog.errors());
        assertEquals(List.of(hash(v2)), catalog.current().stream().map(Journey::contentHash).toList());
    }

    @Test
    void anInvalidNewFileIsNotPublishedButShown() {
        Path file = write(dir, "broken.yaml", "name: [unclosed\n");
        write(dir, "ok.yaml", journey("ok", "1m"));

        List<String> changes = publisher.publish();

        assertEquals(2, changes.size(), changes.toString());
        assertTrue(changes.contains(file + ": invalid: " + catalog.errors().getFirst().message()
                + " (line " + catalog.errors().getFirst().line() + ")"), changes.toString());
        assertEquals(List.of("ok"), catalog.current().stream().map(Journey::name).toList());
    }

    @Test
    void aDeletedFileIsUnpublishedAndItsVersionsStay() throws IOException {
        Path file = write(dir, "search.yaml", journey("search", "1m"));
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        publisher.publish();
        Files.delete(file);

        assertEquals(List.of("removed search"), publisher.publish());

        assertEquals(List.of("checkout"), catalog.current().stream().map(Journey::name).toList());
        assertEquals(2, versions.count(), "versions are history");
    }

    @Test
    void assignmentsAreTheJourneysForEveryLocationAndThoseNamingIt() {
        write(dir, "everywhere.yaml", journey("everywhere", "1m"));
        write(dir, "eu.yaml", journey("eu", "1m", "eu-west"));
        write(dir, "both.yaml", journey("both", "1m", "eu-west", "us-east"));
        publisher.publish();

        assertEquals(List.of("both", "eu", "everywhere"), names(catalog.assignments("eu-west")));
        assertEquals(List.of("both", "everywhere"), names(catalog.assignments("us-east")));
        assertEquals(List.of("everywhere"), names(catalog.assignments("ap-south")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiShowsThePublishedJourneysAndTheErrors() throws IOException {
        String text = journey("checkout", "1m");
        Path good = write(dir, "checkout.yaml", text);
        Path bad = write(dir, "search.yaml", invalid("search"));
        publisher.publish();

        String body = client.toBlocking().retrieve("/api/catalog");

        Map<String, Object> answer = json.readValue(body, Map.class);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) answer.get("journeys");
        assertEquals(1, listed.size(), body);
        assertEquals("checkout", listed.getFirst().get("name"));
        assertEquals(hash(text), listed.getFirst().get("contentHash"));
        assertEquals(good.toString(), listed.getFirst().get("sourcePath"));
        assertEquals(journeys.findById("checkout").orElseThrow().publishedAt().toString(),
                listed.getFirst().get("publishedAt"), body);
        List<Map<String, Object>> shown = (List<Map<String, Object>>) answer.get("errors");
        JourneyError first = catalog.errors().getFirst();
        assertEquals(Map.of("path", bad.toString(), "line", first.line(), "column", first.column(),
                "message", first.message()), shown.getFirst());
    }

    private static List<String> names(List<Journey> journeys) {
        return journeys.stream().map(Journey::name).toList();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("dapple-catalog-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

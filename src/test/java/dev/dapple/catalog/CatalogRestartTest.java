package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.hash;
import static dev.dapple.catalog.CatalogFiles.invalid;
import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.database.TestStores;
import dev.dapple.journey.Journey;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.leader.LeaderLease;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog across application contexts on one database: what a restart serves, what a non-leader does, and the
 * poll picking up changes on its own.
 */
class CatalogRestartTest {

    @TempDir
    Path dir;
    @TempDir
    Path otherDir;

    @Test
    void onH2TheLastValidVersionSurvivesARestartWhileTheFileIsInvalid() throws Exception {
        restart(h2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
            disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL restart test skipped")
    void onPostgresTheLastValidVersionSurvivesARestartWhileTheFileIsInvalid() throws Exception {
        TestStores.onFreshPostgresSchema(this::restart);
    }

    @Test
    void onH2AnInstanceThatDoesNotLeadPublishesNothing() throws Exception {
        notLeader(h2());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
            disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL leader test skipped")
    void onPostgresAnInstanceThatDoesNotLeadPublishesNothing() throws Exception {
        TestStores.onFreshPostgresSchema(this::notLeader);
    }

    @Test
    void thePollPublishesAddedChangedAndDeletedFilesWithinFiveSeconds() throws Exception {
        var properties = new HashMap<>(h2());
        properties.put("dapple.journeys.dir", dir.toString());
        properties.put("dapple.journeys.poll-interval", "2s");
        try (ApplicationContext context = start(properties)) {
            Catalog catalog = context.getBean(Catalog.class);
            CatalogFiles.awaitLeader(context.getBean(LeaderLease.class));

            String v1 = journey("checkout", "1m");
            Path file = write(dir, "checkout.yaml", v1);
            within5s(() -> hashes(catalog).equals(List.of(hash(v1))), "the added file is published");

            String v2 = journey("checkout", "2m");
            write(dir, "checkout.yaml", v2);
            within5s(() -> hashes(catalog).equals(List.of(hash(v2))), "the changed file is published");

            Files.delete(file);
            within5s(() -> catalog.current().isEmpty(), "the deleted file is unpublished");
        }
    }

    private void restart(Map<String, String> store) throws Exception {
        var properties = new HashMap<>(store);
        properties.put("dapple.journeys.dir", dir.toString());
        properties.put("dapple.journeys.poll-interval", "1h");
        String valid = journey("checkout", "1m");
        try (ApplicationContext first = start(properties)) {
            CatalogFiles.awaitLeader(first.getBean(LeaderLease.class));
            write(dir, "checkout.yaml", valid);
            first.getBean(CatalogPublisher.class).publish();
            write(dir, "checkout.yaml", invalid("checkout"));
            assertEquals(1, first.getBean(CatalogPublisher.class).publish().size());
        }

        try (ApplicationContext second = start(properties)) {
            Catalog catalog = second.getBean(Catalog.class);
            assertEquals(List.of(hash(valid)), hashes(catalog), "served from the database, not the invalid file");
            assertFalse(catalog.errors().isEmpty(), "and the error is still shown");

            CatalogFiles.awaitLeader(second.getBean(LeaderLease.class));
            assertEquals(List.of(), second.getBean(CatalogPublisher.class).publish(), "the new leader keeps it too");
            assertEquals(List.of(hash(valid)), hashes(catalog));
        }
    }

    private void notLeader(Map<String, String> store) throws Exception {
        var leaderProperties = new HashMap<>(store);
        leaderProperties.put("dapple.journeys.dir", otherDir.toString());
        leaderProperties.put("dapple.journeys.poll-interval", "1h");
        var followerProperties = new HashMap<>(leaderProperties);
        followerProperties.put("dapple.journeys.dir", dir.toString());
        write(dir, "checkout.yaml", journey("checkout", "1m"));
        try (ApplicationContext leader = start(leaderProperties)) {
            CatalogFiles.awaitLeader(leader.getBean(LeaderLease.class));
            try (ApplicationContext follower = start(followerProperties)) {
                assertFalse(follower.getBean(LeaderLease.class).isLeader());

                assertEquals(List.of(), follower.getBean(CatalogPublisher.class).publish());

                assertEquals(0, follower.getBean(PublishedJourneyRepository.class).count());
                assertTrue(follower.getBean(Catalog.class).current().isEmpty());
            }
        }
    }

    private static List<String> hashes(Catalog catalog) {
        return catalog.current().stream().map(Journey::contentHash).toList();
    }

    private static void within5s(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, String> h2() {
        return TestStores.sharedH2("catalog");
    }

    private static ApplicationContext start(Map<String, String> properties) {
        return ApplicationContext.builder().environments("test").properties(Map.copyOf(properties)).start();
    }
}

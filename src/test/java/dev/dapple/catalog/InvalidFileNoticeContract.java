package dev.dapple.catalog;

import static dev.dapple.catalog.CatalogFiles.hash;
import static dev.dapple.catalog.CatalogFiles.invalid;
import static dev.dapple.catalog.CatalogFiles.journey;
import static dev.dapple.catalog.CatalogFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dapple.alert.Alert;
import dev.dapple.alert.Outbox;
import dev.dapple.alert.RecordingChannelType;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.Severity;
import dev.dapple.leader.LeaderLease;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With alert channels configured, publishing refuses journeys naming unknown channels, and a broken journey file
 * queues one notice per content hash to the low default channels only (a notice must not page). The tests drive
 * {@link CatalogPublisher#publish()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InvalidFileNoticeContract implements TestPropertyProvider {

    final Path dir = newDir();

    @Inject
    CatalogPublisher publisher;
    @Inject
    Catalog catalog;
    @Inject
    LeaderLease lease;
    @Inject
    Outbox outbox;
    @Inject
    dev.dapple.journey.PublishedJourneyRepository journeys;
    @Inject
    dev.dapple.journey.JourneyVersionRepository versions;
    @Inject
    CatalogErrorRepository errors;
    @Inject
    DataSource dataSource;
    @Inject
    CatalogConfiguration config;
    @Inject
    CatalogWriter writer;
    @Inject
    dev.dapple.maintenance.MaintenanceFilePublisher maintenance;
    @Inject
    java.time.Clock clock;

    abstract Map<String, String> store();

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(store());
        properties.put("dapple.journeys.dir", dir.toString());
        properties.put("dapple.journeys.poll-interval", "1h");
        properties.put("dapple.channels.pager.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.slack.type", RecordingChannelType.TYPE);
        properties.put("dapple.channels.tickets.type", RecordingChannelType.TYPE);
        properties.put("dapple.alert.defaults.critical", "pager,slack");
        properties.put("dapple.alert.defaults.low", "tickets,slack");
        properties.put("dapple.public-url", "https://dapple.example.com");
        return properties;
    }

    @BeforeEach
    void leads() throws InterruptedException {
        CatalogFiles.clear(dir);
        errors.deleteAll();
        versions.deleteAll();
        journeys.deleteAll();
        CatalogFiles.awaitLeader(lease);
    }

    @Test
    void aJourneyNamingAnUnknownChannelIsNotPublishedAndItsErrorSaysWhichAreConfigured() {
        String text = journey("checkout", "1m") + "alert:\n  channels: [pager, slak]\n";
        Path file = write(dir, "checkout.yaml", text);
        publisher.publish();
        assertEquals(List.of(), catalog.current());
        assertEquals(List.of(new JourneyError(file.toString(), 8, 21, "alert.channels[1]: unknown channel 'slak'"
                + " (did you mean 'slack'?); configured: pager, slack, tickets")), catalog.errors());
        write(dir, "checkout.yaml", journey("checkout", "1m") + "alert:\n  channels: [pager, slack]\n");
        publisher.publish();
        assertEquals(List.of("checkout"), catalog.current().stream().map(j -> j.name()).toList());
    }

    @Test
    void aJourneyWhoseIncidentsWouldReachNoChannelIsLoggedOnce() throws Exception {
        var log = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.dapple.alert.AlertRouter");
        log.start();
        logger.addAppender(log);
        try {
            write(dir, "search.yaml", journey("search", "1m")); // severity high: no default channels for it
            write(dir, "checkout.yaml", journey("checkout", "1m") + "severity: critical\n");
            publisher.publish();
            publisher.publish();
            assertEquals(List.of("Alerts: incidents of journey search reach no channel: it names no alert.channels"
                    + " and dapple.alert.defaults.high names none"),
                    log.list.stream().map(e -> e.getFormattedMessage()).toList());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aFailingScanListenerIsLoggedOnceEvenBesideOneThatWorks() throws Exception {
        ScanListener failing = (valid, invalid) -> {
            throw new SQLException("store down");
        };
        ScanListener working = (valid, invalid) -> { };
        var ownPublisher = new CatalogPublisher(config, writer, maintenance, lease, clock, java.util.Optional.empty(),
                List.of(failing, working), false);
        var log = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CatalogPublisher.class);
        log.start();
        logger.addAppender(log);
        try {
            write(dir, "search.yaml", journey("search", "1m"));
            ownPublisher.publish();
            ownPublisher.publish();
            assertEquals(List.of("Catalog: a scan listener failed, retrying every scan: store down"),
                    log.list.stream().map(e -> e.getFormattedMessage()).filter(m -> m.contains("listener")).toList());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aBrokenFileQueuesOneNoticePerVersionToTheLowDefaultChannels() throws Exception {
        String broken = invalid("search");
        Path file = write(dir, "search.yaml", broken);
        publisher.publish();
        publisher.publish();
        List<Outbox.Entry> notices = notices(file);
        assertEquals(List.of("slack", "tickets"), notices.stream().map(Outbox.Entry::channel).sorted().toList(),
                "dapple.alert.defaults.low, not the paging critical ones");
        Alert alert = notices.getFirst().alert();
        assertEquals(Alert.Kind.NOTICE, alert.kind());
        assertEquals(Severity.LOW, alert.severity());
        assertEquals("journey-file/" + file, alert.key());
        assertEquals("Journey file " + file + " is invalid, its last valid version (if any) keeps running:"
                + " 1:1: missing required key 'interval'", alert.summary());
        assertEquals("https://dapple.example.com/", alert.dashboardUrl());

        String brokenAgain = broken + "# another version\n";
        write(dir, "search.yaml", brokenAgain);
        publisher.publish();
        assertEquals(4, notices(file).size(), "a new broken version queues one more notice per channel");
        // The dedup key stands for the path and the content hash, so the same bytes are never announced twice.
        assertEquals(List.of(dedupKey(file, broken), dedupKey(file, brokenAgain)), dedupKeys(file));
        publisher.publish();
        assertEquals(4, notices(file).size());
    }

    private static String dedupKey(Path file, String text) {
        return "invalid-file-" + hash(file + "\n" + hash(text));
    }

    /** Each distinct dedup key of the file's notices, in the order they were first queued. */
    private List<String> dedupKeys(Path file) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var select = connection.prepareStatement("SELECT dedup_key, MIN(id) FROM outbox WHERE alert_key = ?"
                     + " GROUP BY dedup_key ORDER BY MIN(id)")) {
            select.setString(1, "journey-file/" + file);
            try (var rows = select.executeQuery()) {
                var keys = new java.util.ArrayList<String>();
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
                return keys;
            }
        }
    }

    private List<Outbox.Entry> notices(Path file) throws SQLException {
        return outbox.list(null, 1000).stream().filter(e -> e.key().equals("journey-file/" + file)).toList();
    }

    private static Path newDir() {
        try {
            Path dir = Files.createTempDirectory("dapple-notices-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.Catalog;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.ProbeRegistry;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A location whose probes all fell silent queues one NOTICE per silence to the low default channels. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilentLocationNoticesTest implements TestPropertyProvider {

    @Inject
    SilentLocationNotices notices;
    @Inject
    ProbeRegistry registry;
    @Inject
    Catalog catalog;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path journeys = Files.createTempDirectory("dapple-silent");
            Files.writeString(journeys.resolve("checkout.yaml"),
                    "name: checkout\ninterval: 10m\nsteps:\n  - name: s\n    get: http://127.0.0.1:9/\n");
            var properties = new HashMap<String, String>();
            properties.put("dapple.journeys.dir", journeys.toString());
            properties.put("dapple.journeys.poll-interval", "100ms");
            properties.put("dapple.probe.embedded", "false");
            properties.put("dapple.channels.pager.type", RecordingChannelType.TYPE);
            properties.put("dapple.channels.tickets.type", RecordingChannelType.TYPE);
            properties.put("dapple.alert.defaults.critical", "pager");
            properties.put("dapple.alert.defaults.low", "tickets");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> notices() throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var select = connection.prepareStatement("SELECT channel, dedup_key, alert FROM outbox"
                     + " WHERE kind = 'NOTICE' ORDER BY id");
             var rows = select.executeQuery()) {
            var found = new ArrayList<String>();
            while (rows.next()) {
                found.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return found;
        }
    }

    @Test
    void aSilentLocationIsAnnouncedOncePerSilence() throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (catalog.current().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Instant now = Instant.now();
        Instant longAgo = now.minusSeconds(3600);
        registry.beat("eu-west", new Beat("fra-1", "1", 0, 10, 0, 0, List.of()), longAgo);
        registry.beat("us-east", new Beat("iad-1", "1", 0, 10, 0, 0, List.of()), now);

        assertEquals(1, notices.pass(now));
        List<String> queued = notices();
        assertEquals(1, queued.size(), queued.toString());
        String notice = queued.getFirst();
        assertTrue(notice.startsWith("tickets silent-location-eu-west-" + longAgo.toEpochMilli() + " "), notice);
        assertTrue(notice.contains("Location eu-west is silent") && notice.contains("not a journey failure"), notice);
        assertTrue(notice.contains("/probes"), notice);

        assertEquals(0, notices.pass(now.plusSeconds(10)), "announced once");

        registry.beat("eu-west", new Beat("fra-1", "1", 0, 10, 0, 0, List.of()), Instant.now());
        assertEquals(0, notices.pass(Instant.now()), "back: nothing to say");

        Instant laterSilence = Instant.now().minusSeconds(120);
        registry.beat("eu-west", new Beat("fra-1", "1", 0, 10, 0, 0, List.of()), laterSilence);
        assertEquals(1, notices.pass(Instant.now()), "a new silence is a new notice");
        assertEquals(2, notices().size());
    }
}

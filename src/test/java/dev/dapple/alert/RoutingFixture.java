package dev.dapple.alert;

import dev.dapple.catalog.CatalogWriter;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChanges;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the alert tests share: the channels they configure (as {@code @Property} on each test class), the journeys
 * they publish, and recording a state change on its own committed transaction.
 */
final class RoutingFixture {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static final String CHECKOUT = """
            name: checkout
            description: Customers cannot pay
            owner: payments
            severity: critical
            runbook: https://wiki.example.com/checkout
            tags: [shop]
            interval: 1m
            steps:
              - name: pay
                get: https://shop.example.com/pay
            alert:
              channels: [pager, slack]
              ticket_channels: [tickets]
              remind: 30m
            """;

    static final String SEARCH = """
            name: search
            owner: discovery
            interval: 1m
            steps:
              - name: find
                get: https://shop.example.com/search
            """;

    private RoutingFixture() {
    }

    static void publish(CatalogWriter writer, String... definitions) throws Exception {
        var candidates = new java.util.ArrayList<CatalogWriter.Candidate>();
        for (String definition : definitions) {
            String name = definition.lines().findFirst().orElseThrow().substring("name: ".length());
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(definition.getBytes(StandardCharsets.UTF_8)));
            candidates.add(new CatalogWriter.Candidate(name, hash, "journeys/" + name + ".yaml", definition));
        }
        writer.write(new CatalogWriter.Scan(candidates, List.of(), Set.of()), T0);
    }

    /** Records {@code change} on a transaction of its own and commits it; returns its id. */
    static long record(StateChanges changes, DataSource dataSource, StateChange change) throws SQLException {
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.setAutoCommit(false);
            long id = changes.record(connection, change);
            connection.commit();
            return id;
        }
    }

    /** The queued messages of {@code key}, oldest first. */
    static List<Outbox.Entry> queued(Outbox outbox, String key) throws SQLException {
        return outbox.list(null, 1000).stream().filter(entry -> entry.key().equals(key)).toList().reversed();
    }

    static Set<String> channels(List<Outbox.Entry> entries) {
        return new java.util.TreeSet<>(entries.stream().map(Outbox.Entry::channel).toList());
    }
}

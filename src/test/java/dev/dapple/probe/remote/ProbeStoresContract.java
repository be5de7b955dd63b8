package dev.dapple.probe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.probe.ProbeStatus;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The probe tokens and the probe registry behave the same on every database ({@link H2ProbeStoresTest},
 * {@link PostgresProbeStoresTest}). Each test uses its own locations: a PER_CLASS subclass shares one schema.
 */
abstract class ProbeStoresContract {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456Z");
    static final ProbeTimings TIMINGS = ProbeTimings.DEFAULTS; // beat 10 s, expiry 30 s

    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;

    private static String location() {
        return "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ProbeRegistry registry(Instant now) {
        return new ProbeRegistry(dataSource, json, TIMINGS, Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<ProbeStatus> of(ProbeRegistry registry, String location) {
        return registry.probes().stream().filter(p -> p.location().equals(location)).toList();
    }

    @Test
    void aCreatedTokenFindsItsLocationUntilRevoked() throws SQLException {
        ProbeTokens tokens = new ProbeTokens(dataSource);
        String location = location();
        ProbeTokens.Created created = tokens.create(location, "host-1", T0);
        assertTrue(created.token().startsWith("dpt_") && created.token().length() > 40, created.token());
        assertEquals(new ProbeToken(created.row().id(), location, T0, null, "host-1"), created.row());
        assertEquals(location, tokens.location(created.token()).orElseThrow());
        assertTrue(tokens.location(created.token() + "x").isEmpty());
        assertTrue(tokens.list().contains(created.row()));

        assertTrue(tokens.revoke(created.row().id(), T0.plusSeconds(5)));
        assertTrue(tokens.revoke(created.row().id(), T0.plusSeconds(9)), "revoking again is harmless");
        assertTrue(tokens.location(created.token()).isEmpty(), "a revoked token finds nothing");
        ProbeToken listed = tokens.list().stream().filter(t -> t.id() == created.row().id()).findFirst().orElseThrow();
        assertEquals(T0.plusSeconds(5), listed.revokedAt(), "the first revocation counts");
        assertFalse(tokens.revoke(-1, T0), "no such token");
    }

    @Test
    void onlyTheHashIsStored() throws SQLException {
        ProbeTokens tokens = new ProbeTokens(dataSource);
        ProbeTokens.Created created = tokens.create(location(), null, T0);
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var select = connection.prepareStatement("SELECT token_hash FROM probe_tokens WHERE id = ?")) {
            select.setLong(1, created.row().id());
            try (var rows = select.executeQuery()) {
                rows.next();
                String stored = rows.getString(1);
                assertNotEquals(created.token(), stored);
                assertEquals(ProbeTokens.hash(created.token()), stored);
                assertEquals(64, stored.length());
            }
        }
        assertNotEquals(created.token(), tokens.create(location(), null, T0).token(), "tokens are random");
    }

    @Test
    void aTokenNeedsAValidLocation() {
        ProbeTokens tokens = new ProbeTokens(dataSource);
        for (String bad : new String[] {"", "EU-West", "eu west", "a".repeat(65), "eu/west"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> tokens.create(bad, null, T0), bad);
            assertTrue(e.getMessage().contains("lowercase letters, digits and '-'"), e.getMessage());
        }
    }

    @Test
    void aBeatRegistersAndUpdatesAProbe() throws SQLException {
        String location = location();
        ProbeRegistry registry = registry(T0.plusSeconds(1));
        registry.register(location, new Hello("p1", "1.0", 50), T0);
        assertEquals(List.of(new ProbeStatus(location, "p1", "1.0", T0, false, List.of(), 0, 50, 0, 0)),
                of(registry, location));

        registry.beat(location, new Beat("p1", "1.1", 3, 60, 12, 2, List.of("b", "a")), T0.plusSeconds(10));
        registry.beat(location, new Beat("p2", "1.1", 0, 10, 0, 0, List.of()), T0.plusSeconds(10));
        assertEquals(List.of(
                        new ProbeStatus(location, "p1", "1.1", T0.plusSeconds(10), false, List.of("b", "a"), 3, 60, 12, 2),
                        new ProbeStatus(location, "p2", "1.1", T0.plusSeconds(10), false, List.of(), 0, 10, 0, 0)),
                of(registry(T0.plusSeconds(11)), location));

        registry.register(location, new Hello("p1", "1.2", 70), T0.plusSeconds(20));
        ProbeStatus p1 = of(registry, location).getFirst();
        assertEquals(new ProbeStatus(location, "p1", "1.2", T0.plusSeconds(20), false, List.of("b", "a"), 3, 70, 12, 2),
                p1, "registering again keeps what the last beat said");
    }

    @Test
    void aProbeIsSilentOnceItsHeartbeatExpires() throws SQLException {
        String location = location();
        registry(T0).beat(location, new Beat("p1", "1", 0, 1, 0, 0, List.of()), T0);
        Instant justFresh = T0.plus(TIMINGS.heartbeatExpiry()).minusMillis(1);
        assertFalse(of(registry(justFresh), location).getFirst().silent());
        assertEquals(List.of("p1"), registry(justFresh).live(location, justFresh));
        Instant expired = T0.plus(TIMINGS.heartbeatExpiry());
        assertTrue(of(registry(expired), location).getFirst().silent());
        assertEquals(List.of(), registry(expired).live(location, expired));
    }

    @Test
    void liveProbesShareTheirLocationsJourneysAndASilentOnesMoveToTheOthers() throws SQLException {
        String location = location();
        List<String> journeys = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        ProbeRegistry registry = registry(T0);
        registry.beat(location, new Beat("p1", "1", 0, 1, 0, 0, List.of()), T0);
        registry.beat(location, new Beat("p2", "1", 0, 1, 0, 0, List.of()), T0.plusSeconds(20));
        registry.beat(location(), new Beat("p3", "1", 0, 1, 0, 0, List.of()), T0.plusSeconds(20)); // elsewhere

        Instant both = T0.plusSeconds(25);
        List<String> p1 = registry.share(location, "p1", journeys, both);
        List<String> p2 = registry.share(location, "p2", journeys, both);
        var union = new HashSet<>(p1);
        union.addAll(p2);
        assertEquals(Set.copyOf(journeys), union);
        assertEquals(journeys.size(), p1.size() + p2.size(), "no journey runs on both");
        assertEquals(Rendezvous.share(journeys, location + "/p1", List.of(location + "/p1", location + "/p2")), p1);

        Instant p1Silent = T0.plus(TIMINGS.heartbeatExpiry()).plusSeconds(1);
        assertEquals(journeys, registry.share(location, "p2", journeys, p1Silent), "p2 takes over p1's journeys");
        assertEquals(journeys, registry.share(location, "new", List.copyOf(journeys),
                T0.plus(Duration.ofHours(1))), "a probe asking before its first beat counts as live");
    }

    @Test
    void latenessP99MergesTheMinuteHistogramsOfEachLocation() throws Exception {
        String location = location();
        Instant minute = T0.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int m = 0; m < 2; m++) {
            var histogram = new org.HdrHistogram.Histogram(3);
            for (int i = 1; i <= 50; i++) {
                histogram.recordValue((m * 50 + i) * 1_000L); // 1..100 ms over two minutes
            }
            var buffer = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                 var insert = connection.prepareStatement("INSERT INTO lateness_rollups (location, bucket_seconds,"
                         + " bucket_start, missed_count, histogram) VALUES (?, 60, ?, 0, ?)")) {
                insert.setString(1, location);
                insert.setObject(2, dev.dapple.database.Timestamps.of(minute.plusSeconds(60L * m)));
                insert.setBytes(3, java.util.Arrays.copyOf(buffer.array(), length));
                insert.executeUpdate();
            }
        }
        var lateness = new LocationLateness(dataSource);
        long p99 = lateness.p99(minute, minute.plusSeconds(120)).get(location);
        assertEquals(99, p99 / 1_000, "p99 of 1..100 ms, merged, not averaged: " + p99);
        assertEquals(50, lateness.p99(minute, minute.plusSeconds(60)).get(location) / 1_000,
                "only the first minute: 1..50 ms");
        assertTrue(lateness.p99(minute.plusSeconds(120), minute.plusSeconds(180)).get(location) == null);
    }
}

package dev.dapple.probe.remote;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.probe.ProbeStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link ProbesReport}: the locations are those of known probes, of published journeys and of probe
 * tokens (a location whose token was handed out but whose probe never reported is silent too).
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public final class ProbesOverview {

    static final Duration LATENESS_WINDOW = Duration.ofHours(1);

    private final ProbeRegistry registry;
    private final Catalog catalog;
    private final ProbeTokens tokens;
    private final ConfiguredProbeTokens configured;
    private final LocationLateness lateness;
    private final Clock clock;

    public ProbesOverview(ProbeRegistry registry, Catalog catalog, ProbeTokens tokens, ConfiguredProbeTokens configured,
                          LocationLateness lateness, Clock clock) {
        this.registry = registry;
        this.catalog = catalog;
        this.tokens = tokens;
        this.configured = configured;
        this.lateness = lateness;
        this.clock = clock;
    }

    public ProbesReport report() throws SQLException {
        Instant now = clock.instant();
        List<ProbeStatus> probes = registry.probes();
        Map<String, Long> p99 = lateness.p99(now.minus(LATENESS_WINDOW), now);
        return new ProbesReport(now, locations(catalog.current(), probes, p99), probes);
    }

    /**
     * How many locations are silent (journeys to run, no live probe), as {@link #report} judges them: the overview's
     * count, from the published journeys it already holds and without lateness.
     */
    public int silentLocations(List<Journey> published) throws SQLException {
        return (int) locations(published, registry.probes(), Map.of()).stream().filter(LocationStatus::silent).count();
    }

    private List<LocationStatus> locations(List<Journey> journeys, List<ProbeStatus> probes, Map<String, Long> p99)
            throws SQLException {
        Set<String> locations = new TreeSet<>(configured.locations());
        probes.forEach(p -> locations.add(p.location()));
        journeys.forEach(j -> locations.addAll(j.locations()));
        tokens.list().stream().filter(t -> !t.revoked()).forEach(t -> locations.add(t.location()));
        return locations.stream().map(location -> {
            List<ProbeStatus> here = probes.stream().filter(p -> p.location().equals(location)).toList();
            int live = (int) here.stream().filter(p -> !p.silent()).count();
            int assigned = (int) journeys.stream()
                    .filter(j -> j.runsEverywhere() || j.locations().contains(location)).count();
            String state = live > 0 ? LocationStatus.UP : assigned > 0 ? LocationStatus.SILENT : LocationStatus.IDLE;
            return new LocationStatus(location, state, here.size(), live, assigned, p99.get(location));
        }).toList();
    }
}

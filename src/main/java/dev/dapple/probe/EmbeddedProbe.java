package dev.dapple.probe;

import dev.dapple.catalog.Catalog;
import dev.dapple.catalog.CatalogConfiguration;
import dev.dapple.journey.Journey;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.ProbeRegistry;
import dev.dapple.result.Ingest;
import dev.dapple.result.RunResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own probe for location {@code dapple.probe.location} (default {@code local}), named
 * {@code dapple.probe.name} (default {@code embedded@HOST}): heartbeats the {@link ProbeRegistry} in-process, takes
 * its rendezvous share of the location's published journeys (so the embedded probes of several servers, and remote
 * probes of the same location, split them), runs them with the scheduler and hands results to ingest. A remote probe
 * agent differs only in where assignments come from and where results go. Off with
 * {@code dapple.probe.embedded=false}.
 */
@Context
@Requires(notEnv = Environment.CLI)
@Requires(property = "dapple.probe.embedded", notEquals = "false")
public final class EmbeddedProbe {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProbe.class);

    private final Catalog catalog;
    private final ProbeRegistry registry;
    private final Clock clock;
    private final String location;
    private final String probeName;
    private final ProbeScheduler scheduler;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    private Map<String, String> assigned = Map.of(); // name → content hash; only the loop thread touches it

    public EmbeddedProbe(Catalog catalog, CatalogConfiguration catalogConfig, JourneyRunner runner, Ingest ingest,
                         ProbeSchedulerConfiguration config, ProbeRegistry probes, Clock clock,
                         @Nullable MeterRegistry registry, @Value("${dapple.probe.location:local}") String location,
                         @Nullable @Value("${dapple.probe.name:}") String name) {
        this.catalog = catalog;
        this.registry = probes;
        this.clock = clock;
        this.location = location;
        this.probeName = name == null || name.isBlank() ? "embedded@" + hostName() : name.strip();
        this.scheduler = new ProbeScheduler(location, probeName, runner::run, ingest, config, clock,
                Ticker.SYSTEM, registry);
        Duration period = catalogConfig.pollInterval().compareTo(probes.timings().heartbeatInterval()) < 0
                ? catalogConfig.pollInterval() : probes.timings().heartbeatInterval();
        this.loop = Thread.ofVirtual().name("embedded-probe").start(() -> follow(period));
    }

    /**
     * Beats and re-reads the catalog every poll interval (or heartbeat interval, if shorter), so a published change
     * reaches the probe within two intervals and its heartbeat never expires while it runs.
     */
    private void follow(Duration period) {
        try {
            do {
                sync();
            } while (!stopping.await(period.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Beats, then assigns this probe's share of the catalog's journeys for its location when it changed; a store that
     * is down keeps the last set.
     */
    synchronized void sync() {
        List<Journey> journeys;
        try {
            Instant now = clock.instant();
            registry.beat(location, new Beat(probeName, ProbeStatus.VERSION, scheduler.running(), scheduler.capacity(),
                    0, 0, List.copyOf(scheduler.assigned())), now);
            List<Journey> all = catalog.assignments(location);
            Set<String> share = Set.copyOf(registry.share(location, probeName, all.stream().map(Journey::name).toList(),
                    now));
            journeys = all.stream().filter(j -> share.contains(j.name())).toList();
        } catch (RuntimeException | SQLException e) {
            LOG.debug("embedded probe keeps its assignments, the store cannot be read: {}", e.toString());
            return;
        }
        Map<String, String> current = journeys.stream().collect(Collectors.toMap(Journey::name, Journey::contentHash));
        if (!current.equals(assigned)) {
            scheduler.assign(journeys);
            LOG.info("Embedded probe ({}) runs {} journey{}", location, current.size(), current.size() == 1 ? "" : "s");
            assigned = current;
        }
    }

    /** Runs a journey once now at this probe's location, under its concurrency cap; empty when that is reached. */
    public Optional<RunResult> runNow(Journey journey) {
        return scheduler.runNow(journey);
    }

    /** What a refused manual run says: how busy the probe is. */
    String saturation() {
        return scheduler.saturation();
    }

    public Set<String> assigned() {
        return scheduler.assigned();
    }

    /** Its name in the registry, unique within its location. */
    public String name() {
        return probeName;
    }

    /**
     * Stops following the catalog and closes the scheduler, which waits up to {@code dapple.probe.shutdown-grace}
     * for runs in progress and hands their results to ingest. {@code GracefulShutdown} calls it before ingest closes;
     * a second call does nothing.
     */
    @PreDestroy
    public void stop() {
        stopping.countDown();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

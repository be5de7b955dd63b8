package dev.dapple.catalog;

import dev.dapple.journey.JourneyLoader;
import dev.dapple.leader.LeaderLease;
import dev.dapple.maintenance.MaintenanceFilePublisher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, publishes the journey files under {@code dapple.journeys.dir} to the catalog tables, scanning every
 * poll interval. Polling (not a WatchService) because it behaves the same on every file system, including network
 * and container mounts, and small files are cheap to re-read ({@link ParsedJourneys} parses only changed ones).
 * A missing folder publishes nothing, so a mount that is not there yet never empties the catalog.
 */
@Context
@Requires(notEnv = Environment.CLI)
public class CatalogPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);

    private final CatalogConfiguration config;
    private final CatalogWriter writer;
    private final MaintenanceFilePublisher maintenance;
    private final LeaderLease lease;
    private final Clock clock;
    private final Thread loop;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ParsedJourneys parsed; // only under this object's lock
    private final List<ScanListener> listeners;
    private JourneyLoader.Result lastLoad; // the last scan's journey files; under this object's lock
    private String lastProblem; // logged once until it changes; only the loop thread and tests touch it
    // Likewise, each scan listener's, so one that keeps failing is logged once beside one that works; under this
    // object's lock.
    private final Map<ScanListener, String> lastListenerProblems = new IdentityHashMap<>();

    @Inject
    public CatalogPublisher(CatalogConfiguration config, CatalogWriter writer, MaintenanceFilePublisher maintenance,
                            LeaderLease lease, Clock clock, Optional<KnownChannels> channels,
                            List<ScanListener> listeners) {
        this(config, writer, maintenance, lease, clock, channels, listeners, true);
    }

    /** For tests: no background loop when {@code start} is false. */
    CatalogPublisher(CatalogConfiguration config, CatalogWriter writer, MaintenanceFilePublisher maintenance,
                     LeaderLease lease, Clock clock, Optional<KnownChannels> channels,
                     List<ScanListener> listeners, boolean start) {
        this.parsed = new ParsedJourneys(channels.map(KnownChannels::names).orElse(Set.of()));
        this.listeners = List.copyOf(listeners);
        this.config = config;
        this.writer = writer;
        this.maintenance = maintenance;
        this.lease = lease;
        this.clock = clock;
        this.loop = start ? Thread.ofVirtual().name("catalog-publisher").start(this::run) : null;
    }

    private void run() {
        try {
            // The first scan waits one interval too: the lease is usually taken by then.
            while (!stopping.await(config.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    publish();
                } catch (RuntimeException e) {
                    problem("cannot publish the journey catalog: " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Scans the folder once and publishes what changed, if this instance leads.
     *
     * @return one line per change (also logged); empty when nothing changed or this instance does not lead
     */
    synchronized List<String> publish() {
        if (!lease.isLeader()) {
            return List.of();
        }
        Path dir = config.dir();
        if (!Files.isDirectory(dir)) {
            problem("journeys folder " + dir.toAbsolutePath() + " (" + CatalogConfiguration.DIR_KEY
                    + ") does not exist: the published catalog stays as it is");
            return List.of();
        }
        CatalogWriter.Scan scan;
        MaintenanceFilePublisher.Published schedule;
        try {
            schedule = maintenance.publish(dir, clock.instant());
            scan = scan(dir, schedule);
        } catch (IOException e) {
            problem("cannot read the journeys folder " + dir + ": " + e);
            return List.of();
        } catch (SQLException e) {
            problem("cannot publish the maintenance schedule: " + e.getMessage());
            return List.of();
        }
        List<String> changes = new ArrayList<>(writer.write(scan, clock.instant()));
        changes.addAll(schedule.changes());
        lastProblem = null;
        tellListeners();
        for (String change : changes) {
            if (change.contains(": invalid")) {
                LOG.warn("Catalog: {}", change);
            } else {
                LOG.info("Catalog: {}", change);
            }
        }
        return changes;
    }

    /** The journeys, with the maintenance schedule's errors among the catalog's errors. */
    private CatalogWriter.Scan scan(Path dir, MaintenanceFilePublisher.Published schedule) throws IOException {
        JourneyLoader.Result loaded = parsed.load(dir);
        lastLoad = loaded;
        var errors = new ArrayList<>(loaded.errors());
        errors.addAll(schedule.errors());
        var invalid = new HashSet<>(loaded.invalidFiles());
        schedule.errors().forEach(error -> invalid.add(error.path()));
        List<CatalogWriter.Candidate> valid = loaded.journeys().stream()
                .map(journey -> new CatalogWriter.Candidate(journey.name(), journey.contentHash(),
                        journey.sourcePath().toString(), parsed.text(journey)))
                .toList();
        return new CatalogWriter.Scan(valid, errors, invalid);
    }

    /** The last scan's journeys and invalid journey files (each with its first error), to every listener. */
    private void tellListeners() {
        if (listeners.isEmpty()) {
            return;
        }
        var files = new ArrayList<ScanListener.InvalidFile>();
        for (String path : lastLoad.invalidFiles()) {
            String hash = parsed.hash(path);
            lastLoad.errors().stream().filter(error -> error.path().equals(path)).findFirst()
                    .filter(error -> hash != null)
                    .ifPresent(error -> files.add(new ScanListener.InvalidFile(path, hash, error)));
        }
        files.sort(Comparator.comparing(ScanListener.InvalidFile::path));
        for (ScanListener listener : listeners) {
            try {
                listener.scanned(lastLoad.journeys(), files);
                lastListenerProblems.remove(listener);
            } catch (Exception e) {
                String problem = "a scan listener failed, retrying every scan: " + e.getMessage();
                if (!problem.equals(lastListenerProblems.put(listener, problem))) {
                    LOG.warn("Catalog: {}", problem);
                }
            }
        }
    }

    /** Files parsed so far: an unchanged file is not parsed again. */
    long parses() {
        return parsed.parses();
    }

    private void problem(String message) {
        if (!Objects.equals(message, lastProblem)) {
            lastProblem = message;
            LOG.warn("Catalog: {}", message);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

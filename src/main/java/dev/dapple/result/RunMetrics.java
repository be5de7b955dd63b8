package dev.dapple.result;

import dev.dapple.catalog.Catalog;
import dev.dapple.catalog.CatalogConfiguration;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus series derived from results as ingest accepts them, so results of every probe count, not only the
 * embedded one's. Label values are bounded by the published catalog: a result of a journey not in it (or for a
 * location or step it does not have) is not metered, and series of a journey that leaves the catalog are removed.
 * The catalog is re-read every {@code dapple.journeys.poll-interval}, as the embedded probe does.
 *
 * <p>Recording is synchronized: a few microseconds per result, and it keeps a catalog change from racing a result
 * into re-creating a series just removed.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public final class RunMetrics {

    // Web journeys of one to a few steps: 100 ms for a quick page, 1-5 s where SLO thresholds usually sit, 30 s for
    // the default run timeout. Nine bounds plus +Inf keep the histogram within 10 buckets.
    static final Duration[] JOURNEY_BUCKETS = millis(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 30_000);
    // One request: a loopback answer takes milliseconds, a slow page seconds.
    static final Duration[] STEP_BUCKETS = millis(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000);
    // A healthy probe starts runs within a few ms; 50 ms is the benchmark's goal; seconds mean saturation.
    static final Duration[] LATENESS_BUCKETS = millis(5, 50, 250, 1_000, 5_000);
    /** How many run ids are remembered to ignore a replayed result (a remote probe re-sending after a lost reply). */
    static final int REMEMBERED_RUNS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    /** The last outcome-bearing result of one (journey, location), as {@code dapple_journey_up} shows it. */
    private static final class Up {
        volatile double value;
        Instant plannedAt;
    }

    private record Series(String journey, String location) {
    }

    private final MeterRegistry registry;
    private final boolean stepHistograms;
    private final Catalog catalog;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread loop;
    // All guarded by this.
    private Map<String, Journey> journeys = Map.of();
    private final Map<String, Set<Meter.Id>> idsByJourney = new HashMap<>();
    private final Map<Series, Up> ups = new HashMap<>();
    private final Set<UUID> seen = new HashSet<>();
    private final ArrayDeque<UUID> seenOrder = new ArrayDeque<>();

    public RunMetrics(MeterRegistry registry, MetricsConfiguration config, Catalog catalog,
                      CatalogConfiguration catalogConfig) {
        this.registry = registry;
        this.stepHistograms = config.stepHistograms();
        this.catalog = catalog;
        refresh();
        this.loop = Thread.ofVirtual().name("run-metrics-catalog").start(() -> follow(catalogConfig.pollInterval()));
    }

    private void follow(Duration poll) {
        try {
            while (!stopping.await(poll.toNanos(), TimeUnit.NANOSECONDS)) {
                refresh();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Re-reads the catalog; a store that is down keeps the last one. */
    void refresh() {
        try {
            catalogChanged(catalog.current());
        } catch (RuntimeException e) {
            LOG.debug("run metrics keep their catalog, it cannot be read: {}", e.toString());
        }
    }

    /** Takes the published journeys as the bound for label values and removes series outside it. */
    synchronized void catalogChanged(Collection<Journey> current) {
        journeys = current.stream().collect(Collectors.toUnmodifiableMap(Journey::name, Function.identity()));
        for (Iterator<Map.Entry<String, Set<Meter.Id>>> it = idsByJourney.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Set<Meter.Id>> entry = it.next();
            Journey journey = journeys.get(entry.getKey());
            entry.getValue().removeIf(id -> {
                boolean gone = journey == null || !allowed(journey, id.getTag("location"), id.getTag("step"));
                if (gone) {
                    registry.remove(id);
                }
                return gone;
            });
            if (entry.getValue().isEmpty()) {
                it.remove();
            }
        }
        ups.keySet().removeIf(series -> {
            Journey journey = journeys.get(series.journey());
            return journey == null || !allowed(journey, series.location(), null);
        });
    }

    /** The journeys whose results are metered now, for tests. */
    synchronized Set<String> journeys() {
        return Set.copyOf(journeys.keySet());
    }

    /** Counts one accepted result; a replay of a recent one, or one outside the catalog, is ignored. */
    public synchronized void record(RunResult result) {
        Journey journey = journeys.get(result.journey());
        if (journey == null || !allowed(journey, result.location(), null) || !firstSeen(result.id())) {
            return;
        }
        String name = journey.name();
        String location = result.location();
        Counter counter = Counter.builder("dapple.journey.runs")
                .description("Journey runs by outcome (ERROR: the probe failed, not the target)")
                .tags("journey", name, "location", location, "outcome", result.outcome().name())
                .register(registry);
        remember(name, counter);
        counter.increment();
        if (result.durationUs() != null && completed(result.outcome())) {
            Timer duration = remember(name, Timer.builder("dapple.journey.duration")
                    .description("Duration of journey runs that completed (UP or DEGRADED)")
                    .tags("journey", name, "location", location)
                    .serviceLevelObjectives(JOURNEY_BUCKETS)
                    .register(registry));
            duration.record(Duration.ofNanos(result.durationUs() * 1_000));
        }
        if (result.startedAt() != null) {
            Duration late = Duration.between(result.plannedAt(), result.startedAt());
            Timer.builder("dapple.schedule.lateness")
                    .description("How long after its planned time a run started")
                    .tag("location", location)
                    .serviceLevelObjectives(LATENESS_BUCKETS)
                    .register(registry)
                    .record(late.isNegative() ? Duration.ZERO : late);
        }
        up(name, location, result);
        if (stepHistograms) {
            for (StepResult step : result.steps()) {
                // Steps that got a response, as the step rollups take them; a connection failure has no latency.
                if (step.durationUs() != null && step.httpStatus() != null && allowed(journey, location, step.name())) {
                    remember(name, Timer.builder("dapple.step.duration")
                            .description("Duration of journey steps that got a response")
                            .tags("journey", name, "step", step.name(), "location", location)
                            .serviceLevelObjectives(STEP_BUCKETS)
                            .register(registry)).record(Duration.ofNanos(step.durationUs() * 1_000));
                }
            }
        }
    }

    /** 1 UP, 0.5 DEGRADED, 0 DOWN; ERROR says nothing about the target and keeps the last value, as does a late result. */
    private void up(String journey, String location, RunResult result) {
        double value = switch (result.outcome()) {
            case UP -> 1;
            case DEGRADED -> 0.5;
            case DOWN -> 0;
            case ERROR -> Double.NaN;
        };
        if (Double.isNaN(value)) {
            return;
        }
        Up up = ups.get(new Series(journey, location));
        if (up == null) {
            up = new Up();
            ups.put(new Series(journey, location), up);
            remember(journey, Gauge.builder("dapple.journey.up", up, u -> u.value)
                    .description("The journey's last outcome: 1 UP, 0.5 DEGRADED, 0 DOWN")
                    .tags("journey", journey, "location", location)
                    .strongReference(true)
                    .register(registry));
        } else if (!result.plannedAt().isAfter(up.plannedAt)) {
            return;
        }
        up.plannedAt = result.plannedAt();
        up.value = value;
    }

    private static boolean completed(Outcome outcome) {
        return outcome == Outcome.UP || outcome == Outcome.DEGRADED;
    }

    private static boolean allowed(Journey journey, @Nullable String location, @Nullable String step) {
        return (location == null || journey.runsEverywhere() || journey.locations().contains(location))
                && (step == null || journey.steps().stream().map(Step::name).anyMatch(step::equals));
    }

    private <M extends Meter> M remember(String journey, M meter) {
        idsByJourney.computeIfAbsent(journey, j -> new HashSet<>()).add(meter.getId());
        return meter;
    }

    private boolean firstSeen(UUID id) {
        if (!seen.add(id)) {
            return false;
        }
        seenOrder.addLast(id);
        if (seenOrder.size() > REMEMBERED_RUNS) {
            seen.remove(seenOrder.removeFirst());
        }
        return true;
    }

    private static Duration[] millis(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofMillis(values[i]);
        }
        return durations;
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

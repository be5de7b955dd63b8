package dev.dapple.probe;

import dev.dapple.journey.Journey;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the journeys assigned to one probe at their planned times ({@link PlannedTimes}), each on a virtual thread,
 * at most {@code maxConcurrentRuns} at once, and hands every result to one {@link RunSink}. The embedded probe and
 * a remote agent share this class; only the sink and where assignments come from differ.
 *
 * <p>A run that cannot start before its journey's next planned time is reported as {@link ErrorKind#MISSED}, so a
 * saturated probe shows up in the results instead of silently running less often.
 */
public final class ProbeScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final String location;
    private final String probe;
    private final RunExecutor executor;
    private final RunSink sink;
    private final Clock clock;
    private final Ticker ticker;
    private final Duration shutdownGrace;
    private final Semaphore permits;
    private final int capacity;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final @Nullable MeterRegistry registry;
    private final @Nullable Gauge running;
    /** Schedules whose thread has not ended, removed ones included: close waits for their runs. */
    private final Set<JourneySchedule> live = ConcurrentHashMap.newKeySet();
    private final Map<String, JourneySchedule> schedules = new HashMap<>(); // guarded by this
    private volatile boolean closed;

    public ProbeScheduler(String location, String probe, RunExecutor executor, RunSink sink,
                          ProbeSchedulerConfiguration config, Clock clock, Ticker ticker,
                          @Nullable MeterRegistry registry) {
        this.location = location;
        this.probe = probe;
        this.executor = executor;
        this.sink = sink;
        this.clock = clock;
        this.ticker = ticker;
        this.shutdownGrace = config.shutdownGrace();
        this.permits = new Semaphore(config.maxConcurrentRuns(), true); // fair: the longest waiting run goes first
        this.capacity = config.maxConcurrentRuns();
        // Lateness is metered from results (RunMetrics), so remote probes count too; runs in progress only exist here.
        this.registry = registry;
        this.running = registry == null ? null : Gauge.builder("dapple.probe.running.runs", inProgress, AtomicInteger::get)
                .description("Runs in progress in this server's probe scheduler")
                .tag("location", location)
                .strongReference(true)
                .register(registry);
    }

    /**
     * Replaces the set of journeys this probe runs. New journeys start at their next planned time; removed ones stop
     * (a run in progress finishes and is reported); a changed journey's next run uses the new version, and a new
     * interval takes effect from the next planned time on the new schedule.
     */
    public synchronized void assign(Collection<Journey> journeys) {
        if (closed) {
            throw new IllegalStateException("the probe scheduler is closed");
        }
        Map<String, Journey> wanted = new LinkedHashMap<>();
        for (Journey journey : journeys) {
            if (wanted.put(journey.name(), journey) != null) {
                throw new IllegalArgumentException("journey '" + journey.name() + "' is assigned twice");
            }
        }
        Instant now = clock.instant();
        schedules.values().removeIf(schedule -> {
            boolean removed = !wanted.containsKey(schedule.name());
            if (removed) {
                schedule.stop();
            }
            return removed;
        });
        // Indexed once, not searched per journey: with thousands of journeys a search each is quadratic.
        Map<String, Semaphore> guards = new HashMap<>();
        live.forEach(s -> guards.put(s.name(), s.guard()));
        for (Journey journey : wanted.values()) {
            JourneySchedule current = schedules.get(journey.name());
            if (current != null && current.journey().interval().equals(journey.interval())) {
                current.update(journey);
                continue;
            }
            if (current != null) {
                current.stop();
            }
            // A stopped schedule of the same name may still be running: share its guard, never two runs at once.
            Semaphore guard = guards.getOrDefault(journey.name(), new Semaphore(1));
            var schedule = new JourneySchedule(journey, guard, PlannedTimes.next(journey.name(), journey.interval(), now),
                    this);
            schedules.put(journey.name(), schedule);
            live.add(schedule);
            schedule.start();
        }
    }

    /** The names of the journeys assigned now, sorted. */
    public synchronized Set<String> assigned() {
        return new TreeSet<>(schedules.keySet());
    }

    /** The planned time the named journey waits for next, for tests and diagnostics; null when not assigned. */
    synchronized @Nullable Instant nextPlanned(String journey) {
        JourneySchedule schedule = schedules.get(journey);
        return schedule == null ? null : schedule.planned();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stops scheduling and waits up to {@code dapple.probe.shutdown-grace} for runs in progress, which are reported
     * as they finish. Runs still going after that are interrupted and logged. Logs one line with what it waited for.
     */
    @Override
    public void close() {
        List<JourneySchedule> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            schedules.clear();
            stopping = new ArrayList<>(live);
        }
        stopping.forEach(JourneySchedule::stop);
        int runs = inProgress.get();
        long start = System.nanoTime();
        long deadline = start + shutdownGrace.toNanos(); // shutdown happens in real time
        List<String> unfinished = new ArrayList<>();
        for (JourneySchedule schedule : stopping) {
            try {
                long left = deadline - System.nanoTime();
                if (!schedule.thread().join(Duration.ofNanos(Math.max(left, 0)))) {
                    unfinished.add(schedule.name());
                    schedule.thread().interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unfinished.add(schedule.name());
            }
        }
        if (running != null) {
            registry.remove(running);
        }
        if (!unfinished.isEmpty()) {
            LOG.warn("probe {} stopped with {} run(s) still in progress after {}: {}", probe, unfinished.size(),
                    Durations.text(shutdownGrace), unfinished);
        } else {
            LOG.info("probe {} stopped: waited {} ms for {} run{} in progress (grace {})", probe,
                    (System.nanoTime() - start) / 1_000_000, runs, runs == 1 ? "" : "s", Durations.text(shutdownGrace));
        }
    }

    // Used by JourneySchedule.

    Clock clock() {
        return clock;
    }

    Ticker ticker() {
        return ticker;
    }

    Semaphore permits() {
        return permits;
    }

    void ended(JourneySchedule schedule) {
        live.remove(schedule);
    }

    RunResult missed(Journey journey, Instant plannedAt, String reason) {
        return new RunResult(RunIds.of(journey.name(), location, plannedAt), journey.name(), journey.contentHash(),
                location, probe, plannedAt, null, null, Outcome.ERROR, ErrorKind.MISSED,
                "could not start before its next planned time (" + reason + ")", List.of());
    }

    String saturation() {
        return "probe saturated: " + inProgress.get() + " runs in progress";
    }

    /** Runs in progress now. */
    public int running() {
        return inProgress.get();
    }

    /** The most runs this probe holds in progress at once ({@code dapple.probe.max-concurrent-runs}). */
    public int capacity() {
        return capacity;
    }

    /**
     * Runs a journey once now, outside its schedule (planned time: now), under the same cap as scheduled runs. It
     * takes a free permit or none: waiting would queue it in the fair semaphore ahead of scheduled runs that come
     * later, which could then be missed. Neither lateness nor the journey's own guard apply: it is no planned run.
     *
     * @return the result, or empty when every permit is taken
     */
    public Optional<RunResult> runNow(Journey journey) {
        if (closed) {
            throw new IllegalStateException("the probe scheduler is closed");
        }
        try {
            // Not tryAcquire(): that one barges past waiting scheduled runs even on a fair semaphore.
            if (!permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        inProgress.incrementAndGet();
        try {
            return Optional.of(executor.run(journey, new RunPlan(location, probe, clock.instant(), Map.of())));
        } finally {
            inProgress.decrementAndGet();
            permits.release();
        }
    }

    /** Runs the journey for {@code plannedAt} now; the caller holds a permit. */
    RunResult execute(Journey journey, Instant plannedAt) {
        Instant startedAt = clock.instant();
        inProgress.incrementAndGet();
        try {
            return executor.run(journey, new RunPlan(location, probe, plannedAt, Map.of()));
        } catch (RuntimeException e) {
            LOG.error("run of {} planned at {} failed in the probe", journey.name(), plannedAt, e);
            return new RunResult(RunIds.of(journey.name(), location, plannedAt), journey.name(), journey.contentHash(),
                    location, probe, plannedAt, startedAt, null, Outcome.ERROR, ErrorKind.INTERNAL,
                    "the probe failed: " + e, List.of());
        } finally {
            inProgress.decrementAndGet();
        }
    }

    void report(RunResult result) {
        try {
            sink.accept(result);
        } catch (RuntimeException e) {
            // One failing delivery must not stop the schedule; the sink owns retries and buffering.
            LOG.error("could not deliver the result of {} planned at {}", result.journey(), result.plannedAt(), e);
        }
    }
}

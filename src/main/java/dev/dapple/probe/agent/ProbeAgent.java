package dev.dapple.probe.agent;

import dev.dapple.alert.Backoff;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.probe.ProbeScheduler;
import dev.dapple.probe.ProbeSchedulerConfiguration;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.RunExecutor;
import dev.dapple.probe.Ticker;
import dev.dapple.probe.remote.AssignedJourney;
import dev.dapple.probe.remote.Assignments;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.Hello;
import dev.dapple.probe.remote.Results;
import dev.dapple.probe.remote.Stored;
import dev.dapple.probe.remote.Welcome;
import dev.dapple.result.DiskBuffer;
import dev.dapple.result.RunResult;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote probe: the embedded probe's scheduler and runner, with assignments pulled from a server and results
 * pushed to it over HTTP ({@link HttpTransport}). One loop thread registers, then heartbeats, pulls assignments and
 * pushes buffered results, each at its interval. Every result goes to a disk buffer first, so a server outage (or
 * a restart during one) loses nothing but what exceeds the buffer's bound; the last assignments are kept on disk
 * too, so the probe keeps running them while the server is away. An unreachable server is retried with backoff,
 * one log line per attempt; a server that refuses the probe ({@link ProbeRefused}) ends {@link #run()}.
 */
public final class ProbeAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeAgent.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final HttpTransport transport;
    private final AssignmentCache cache;
    private final DiskBuffer buffer;
    private final ProbeScheduler scheduler;
    private final Backoff backoff;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedInEpisode = new AtomicLong();
    private Map<String, String> assigned = Map.of(); // name → content hash; only the thread in run() touches it

    public ProbeAgent(AgentSettings settings, RunExecutor executor, ProbeSchedulerConfiguration config, JsonMapper json,
                      Clock clock) {
        this(settings, executor, config, json, clock, Ticker.SYSTEM);
    }

    /** With the scheduler's monotonic time too: tests run it faster than real time. */
    ProbeAgent(AgentSettings settings, RunExecutor executor, ProbeSchedulerConfiguration config, JsonMapper json,
               Clock clock, Ticker ticker) {
        this.settings = settings;
        this.transport = new HttpTransport(settings, json);
        this.cache = new AssignmentCache(settings.dataDir().resolve("assignments.json"), json);
        this.buffer = new DiskBuffer(settings.dataDir().resolve("results"), settings.bufferBytes(), json);
        this.scheduler = new ProbeScheduler(settings.location(), settings.probe(), executor, this::keep, config, clock,
                ticker, null);
        this.backoff = new Backoff(settings.firstRetry(), settings.maxRetry(), RandomGenerator.getDefault());
    }

    /**
     * Runs the probe until {@link #stop()}: then the scheduler waits for runs in progress, and what the server does
     * not take at once stays on disk for the next start.
     *
     * @throws ProbeRefused when the server refuses the token, is not a Dapple server, or binds the token elsewhere
     */
    public void run() throws ProbeRefused, InterruptedException {
        boolean registered = false;
        try {
            LOG.info("probe {} for location {} reports to {}; assignments and undelivered results in {}",
                    settings.probe(), settings.location(), settings.base(), settings.dataDir());
            if (!buffer.isEmpty()) {
                LOG.info("{} results left in {} by an earlier run are delivered first", buffer.size(), buffer.dir());
            }
            startFromCache();
            Optional<Welcome> welcome = register();
            if (welcome.isPresent()) {
                registered = true;
                serve(welcome.get());
            }
        } catch (ProbeRefused e) {
            registered = false; // never send results to a server that refuses the probe
            throw e;
        } finally {
            finish(registered);
        }
    }

    /** Ends {@link #run()}; safe from any thread, and more than once. */
    public void stop() {
        stopping.countDown();
    }

    /** The journeys scheduled now. */
    public Set<String> assigned() {
        return scheduler.assigned();
    }

    /** Results waiting on disk for the server. */
    public long buffered() {
        return buffer.size();
    }

    /** Results lost since the start: dropped past the buffer's bound, or refused by the server. */
    public long dropped() {
        return dropped.get();
    }

    private void startFromCache() {
        Optional<Assignments> last = cache.read();
        if (last.isPresent() && !settings.location().equals(last.get().location())) {
            LOG.info("ignoring the last assignments in {}: they are for location {}", cache.file(),
                    last.get().location());
            return;
        }
        last.ifPresent(assignments -> {
            LOG.info("probe {} runs its last assignments from {} until the server answers", settings.probe(),
                    cache.file());
            apply(assignments, false);
        });
    }

    private Optional<Welcome> register() throws ProbeRefused, InterruptedException {
        int failures = 0;
        while (stopping.getCount() > 0) {
            try {
                Welcome welcome = transport.register(new Hello(settings.probe(), ProbeStatus.VERSION,
                        scheduler.capacity()));
                LOG.info("probe {} registered with {} (Dapple {}) for location {}", settings.probe(), settings.base(),
                        welcome.version(), welcome.location());
                return Optional.of(welcome);
            } catch (ServerUnavailable e) {
                if (retryLater(++failures, e)) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Heartbeats, pulls and pushes, each when due, until stopped; an unreachable server is retried with backoff. */
    private void serve(Welcome welcome) throws ProbeRefused, InterruptedException {
        long beatEvery = positive(welcome.heartbeatInterval()).toNanos();
        long pullEvery = positive(welcome.pullInterval()).toNanos();
        long flushEvery = settings.flushInterval().toNanos();
        long now = System.nanoTime();
        long nextBeat = now;
        long nextPull = now;
        long nextFlush = now;
        int failures = 0;
        while (stopping.getCount() > 0) {
            try {
                if (System.nanoTime() - nextBeat >= 0) {
                    transport.heartbeat(beat());
                    nextBeat = System.nanoTime() + beatEvery;
                }
                if (System.nanoTime() - nextPull >= 0) {
                    apply(transport.assignments(), true);
                    nextPull = System.nanoTime() + pullEvery;
                }
                if (System.nanoTime() - nextFlush >= 0) {
                    // A long backlog goes out in turns, so heartbeats and pulls stay on time meanwhile.
                    boolean emptied = flush(Math.min(nextBeat, nextPull));
                    nextFlush = emptied ? System.nanoTime() + flushEvery : System.nanoTime();
                }
                if (failures > 0) {
                    LOG.info("server {} reachable again after {} failed attempt{}; {} results buffered",
                            settings.base(), failures, failures == 1 ? "" : "s", buffer.size());
                    failures = 0;
                }
                long wake = Math.min(nextBeat, Math.min(nextPull, nextFlush));
                stopping.await(Math.max(0, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ServerUnavailable e) {
                if (retryLater(++failures, e)) {
                    return;
                }
            }
        }
    }

    /**
     * Pushes buffered results in batches until the buffer is empty or {@code until} (nanoTime) comes.
     *
     * @return whether the buffer is empty
     */
    private boolean flush(long until) throws ServerUnavailable, ProbeRefused, InterruptedException {
        while (true) {
            DiskBuffer.Chunk chunk = buffer.takeBatch(settings.batchSize());
            if (chunk.results().isEmpty()) {
                droppedInEpisode.set(0);
                return true;
            }
            int size = chunk.results().size();
            try {
                var stored = transport.push(new Results(settings.probe(), chunk.results()));
                LOG.debug("pushed {} results: {} new, {} already stored", size, stored.accepted(), stored.duplicates());
                refused(chunk.results(), stored.refused());
            } catch (ServerUnavailable | ProbeRefused e) {
                buffer.release(chunk); // not delivered: while the server is away the bound may drop them
                throw e;
            } catch (BatchRejected e) {
                dropped.addAndGet(size);
                LOG.error("the server refused a batch of {} result{}, which {} dropped: {}", size, size == 1 ? "" : "s",
                        size == 1 ? "is" : "are", e.getMessage());
            }
            try {
                buffer.delivered(chunk);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("delivered results stay in {} and will be sent again: {}", buffer.dir(), e.getMessage());
                return false;
            }
            if (System.nanoTime() - until >= 0) {
                return buffer.isEmpty();
            }
        }
    }

    /** One line per result the server refused: it is done with them, as sending them again cannot help. */
    private static void refused(List<RunResult> sent, List<Stored.Refused> refused) {
        for (Stored.Refused r : refused) {
            RunResult result = sent.stream().filter(s -> s.id() != null && s.id().equals(r.id())).findFirst().orElse(null);
            LOG.warn("the server refused the result of {} planned at {}, which is dropped: {}",
                    result == null ? "?" : result.journey(), result == null ? "?" : result.plannedAt(), r.reason());
        }
    }

    /** Logs the failed attempt and waits before the next; true when the agent is stopping meanwhile. */
    private boolean retryLater(int failures, ServerUnavailable e) throws InterruptedException {
        Duration delay = backoff.delay(failures);
        LOG.warn("server {} unreachable ({}), retrying in {}; {} results buffered", settings.base(), e.getMessage(),
                seconds(delay), buffer.size());
        return stopping.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Schedules the assigned journeys when they changed; from the server, they are kept for the next start too. */
    private void apply(Assignments assignments, boolean fromServer) {
        Map<String, String> hashes = new TreeMap<>();
        assignments.journeys().forEach(journey -> hashes.put(journey.name(), journey.contentHash()));
        if (hashes.equals(assigned)) {
            return;
        }
        List<Journey> journeys = new ArrayList<>();
        for (AssignedJourney journey : assignments.journeys()) {
            parse(journey).ifPresent(journeys::add);
        }
        scheduler.assign(journeys);
        assigned = hashes;
        LOG.info("probe {} ({}) runs {} journey{}: {}", settings.probe(), settings.location(), journeys.size(),
                journeys.size() == 1 ? "" : "s", scheduler.assigned());
        if (fromServer) {
            try {
                cache.write(assignments);
            } catch (IOException e) {
                LOG.warn("cannot keep the assignments in {} for a restart: {}", cache.file(), e.getMessage());
            }
        }
    }

    /**
     * The published YAML, parsed here as the server parsed it. Channel names are not checked: only the server knows
     * its channels. A journey this build cannot read is skipped with its errors; the others run.
     */
    private Optional<Journey> parse(AssignedJourney assigned) {
        String file = assigned.file() == null || assigned.file().isBlank() ? assigned.name() + ".yaml" : assigned.file();
        ParseResult result = JourneyParser.parse(file, assigned.definition().getBytes(StandardCharsets.UTF_8),
                Path.of(file));
        return switch (result) {
            case ParseResult.Parsed parsed -> Optional.of(parsed.journey());
            case ParseResult.Invalid(List<JourneyError> errors) -> {
                LOG.error("journey {} from the server cannot run on this probe (version {}): {}", assigned.name(),
                        ProbeStatus.VERSION, errors.stream().map(JourneyError::toString).toList());
                yield Optional.empty();
            }
        };
    }

    private Beat beat() {
        return new Beat(settings.probe(), ProbeStatus.VERSION, scheduler.running(), scheduler.capacity(),
                buffer.size(), dropped.get(), List.copyOf(scheduler.assigned()));
    }

    /** The scheduler's sink: every result is on disk before anything is sent. */
    private void keep(RunResult result) {
        try {
            long lost = buffer.append(List.of(result));
            if (lost > 0) {
                dropped.addAndGet(lost);
                if (droppedInEpisode.getAndAdd(lost) == 0) { // one line per episode; the heartbeat carries the count
                    LOG.warn("the result buffer {} is full ({} bytes): dropping the oldest results", buffer.dir(),
                            settings.bufferBytes());
                }
            }
        } catch (IOException | RuntimeException e) {
            dropped.incrementAndGet();
            LOG.error("cannot write the result buffer {}, the result of {} planned at {} is lost: {}", buffer.dir(),
                    result.journey(), result.plannedAt(), e.getMessage());
        }
    }

    /**
     * Stops scheduling (waiting for runs in progress) and offers what is buffered once to the server, if it welcomed
     * this probe.
     */
    private void finish(boolean registered) {
        scheduler.close();
        if (registered && !buffer.isEmpty()) {
            try {
                flush(System.nanoTime() + settings.requestTimeout().toNanos());
            } catch (ServerUnavailable | ProbeRefused e) {
                LOG.debug("final push failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!buffer.isEmpty()) {
            LOG.info("probe {} stopped; {} results wait in {} for the next start", settings.probe(), buffer.size(),
                    buffer.dir());
        }
    }

    private static Duration positive(Duration interval) {
        return interval == null || interval.isNegative() || interval.isZero() ? DEFAULT_INTERVAL : interval;
    }

    private static String seconds(Duration delay) {
        long millis = delay.toMillis();
        return millis >= 10_000 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

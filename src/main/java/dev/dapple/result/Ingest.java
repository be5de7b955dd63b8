package dev.dapple.result;

import dev.dapple.DataDirectory;
import dev.dapple.probe.RunSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded probe's results go. {@link #accept} only queues (memory, then disk when memory is full), so a
 * slow or unreachable store never holds up a probe; one virtual thread stores queued results in batches through
 * {@link RunWriter}, idempotent by run id. When a write fails the batch is kept and retried with a growing pause;
 * results left on disk (by this process or an earlier one) are stored before those in memory. Only the disk bound
 * loses results: the oldest go, counted in {@code dapple_ingest_dropped_total}.
 */
@Context
@Requires(notEnv = Environment.CLI)
public final class Ingest implements RunSink, AutoCloseable {

    static final int BATCH_SIZE = 200;
    private static final int SPILL_CHUNK = 1_000;
    private static final long POLL_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    // Put in the queue by close() to end the writer's wait at once; never stored.
    private static final RunResult WAKE = new RunResult(new UUID(0, 0), "", "", "", "", Instant.EPOCH, null, null,
            Outcome.ERROR, null, null, List.of());

    /** A batch being stored, kept until it is; from disk it is confirmed to the disk buffer afterwards. */
    private record Batch(List<RunResult> results, @Nullable DiskBuffer.Chunk chunk) {
    }

    private final RunWriter writer;
    private final @Nullable RunMetrics metrics;
    private final int bufferSize;
    private final BlockingQueue<RunResult> memory;
    private final DiskBuffer disk;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration flushTimeout;
    private final Counter droppedCounter;
    private final Counter rejectedCounter;
    private final AtomicLong droppedInEpisode = new AtomicLong();
    // Results accepted into memory and not yet stored or on disk: counted, not read off the queue, because a batch
    // the writer has taken from the queue is still pending until it is stored.
    private final AtomicLong inMemory = new AtomicLong();
    private final Object spillLock = new Object();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile @Nullable Batch inFlight;
    private volatile boolean storeDown;
    private volatile boolean closed;
    private long downSince;

    @Inject
    public Ingest(RunWriter writer, IngestConfiguration config, DataDirectory dataDirectory, JsonMapper json,
                  @Nullable MeterRegistry registry, RunMetrics metrics) {
        this(writer, metrics, config.bufferSize(), new DiskBuffer(dataDirectory.resolve("ingest-buffer"),
                config.diskBufferSize(), json), registry, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    Ingest(RunWriter writer, int bufferSize, DiskBuffer disk, @Nullable MeterRegistry registry, Duration firstBackoff,
           Duration maxBackoff, Duration flushTimeout) {
        this(writer, null, bufferSize, disk, registry, firstBackoff, maxBackoff, flushTimeout);
    }

    private Ingest(RunWriter writer, @Nullable RunMetrics metrics, int bufferSize, DiskBuffer disk,
                   @Nullable MeterRegistry registry, Duration firstBackoff, Duration maxBackoff, Duration flushTimeout) {
        this.writer = writer;
        this.metrics = metrics;
        this.bufferSize = bufferSize;
        this.memory = new ArrayBlockingQueue<>(bufferSize);
        this.disk = disk;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.flushTimeout = flushTimeout;
        this.droppedCounter = registry == null ? null : Counter.builder("dapple.ingest.dropped")
                .description("Results dropped because the ingest disk buffer was full").register(registry);
        this.rejectedCounter = registry == null ? null : Counter.builder("dapple.ingest.rejected")
                .description("Results the store refused (values it cannot hold)").register(registry);
        if (registry != null) {
            Gauge.builder("dapple.ingest.pending", this, Ingest::pending)
                    .description("Results waiting to be stored, in memory and on disk").register(registry);
        }
        if (!disk.isEmpty()) {
            LOG.info("Ingest: {} results left in {} by an earlier run are stored first", disk.size(), disk.dir());
        }
        this.thread = Thread.ofVirtual().name("dapple-ingest").start(this::run);
    }

    /**
     * Queues a result; never waits for the store. Past the memory bound the oldest queued results go to disk. The
     * result is metered at once, so metrics stay current while the store is away.
     */
    @Override
    public void accept(RunResult result) {
        if (metrics != null) {
            metrics.record(result);
        }
        inMemory.incrementAndGet();
        if (!closed && memory.offer(result)) {
            if (closed) { // close() may have emptied memory before this offer: put it on disk after all
                synchronized (spillLock) {
                    List<RunResult> late = new ArrayList<>();
                    memory.drainTo(late);
                    late.removeIf(r -> r == WAKE);
                    if (!late.isEmpty()) {
                        spill(late);
                        inMemory.addAndGet(-late.size());
                    }
                }
            }
            return;
        }
        List<RunResult> chunk = new ArrayList<>();
        synchronized (spillLock) {
            if (!closed) {
                memory.drainTo(chunk, SPILL_CHUNK); // one fsync for many results, and disk keeps the oldest
            }
            chunk.add(result);
            spill(chunk);
            inMemory.addAndGet(-chunk.size());
        }
    }

    /** Results not stored yet: in memory, being written, and on disk. */
    public long pending() {
        return Math.max(0, inMemory.get()) + disk.size(); // below 0 only after close, if a stuck write ends late
    }

    /** False while the last write failed. */
    public boolean storeUp() {
        return !storeDown;
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (true) {
            Batch batch = inFlight;
            if (batch == null) {
                if (closed && memory.isEmpty()) {
                    return;
                }
                batch = next();
                if (batch == null) {
                    continue;
                }
                inFlight = batch;
            }
            try {
                write(batch.results());
                if (batch.chunk() != null) {
                    disk.delivered(batch.chunk());
                } else {
                    inMemory.addAndGet(-batch.results().size());
                }
                inFlight = null;
                backoff = firstBackoff;
                if (storeDown) {
                    storeDown = false;
                    long dropped = droppedInEpisode.getAndSet(0);
                    LOG.info("Ingest: the store is back after {} s; {} results waited{}",
                            (System.nanoTime() - downSince) / 1_000_000_000, pending() + batch.results().size(),
                            dropped == 0 ? "" : ", " + dropped + " were dropped (disk buffer full)");
                }
            } catch (Exception | Error e) { // an Error too: a dead writer would let results pile up unseen
                if (!storeDown) {
                    storeDown = true;
                    downSince = System.nanoTime();
                    LOG.warn("Ingest: cannot store results ({}); they wait in memory (up to {}) and then in {}",
                            reason(e), bufferSize, disk.dir());
                }
                if (closed || await(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Stores a batch. A result the database refuses (a value too long for its column, say) would otherwise hold up
     * every later one forever: the batch is then written one result at a time and refused results are counted and
     * logged. Any other failure is the store being away, and the batch waits.
     */
    private void write(List<RunResult> results) throws SQLException {
        try {
            writer.write(results);
        } catch (SQLException e) {
            if (!refused(e)) {
                throw e;
            }
            for (RunResult result : results) {
                try {
                    writer.write(List.of(result));
                } catch (SQLException single) {
                    if (!refused(single)) {
                        throw single;
                    }
                    if (rejectedCounter != null) {
                        rejectedCounter.increment();
                    }
                    LOG.warn("Ingest: the store refused run {} of {} at {}, not stored: {}", result.id(),
                            result.journey(), result.location(), reason(single));
                }
            }
        }
    }

    /** Data and constraint errors (SQL states 22 and 23): the store is there but will never take this result. */
    static boolean refused(SQLException e) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String state = cause.getSQLState() != null ? cause.getSQLState() : String.valueOf(e.getSQLState());
        return state.startsWith("22") || state.startsWith("23");
    }

    /** The next batch: disk first (older results), then memory, waiting a moment for the first result. */
    private @Nullable Batch next() {
        if (!closed) {
            DiskBuffer.Chunk chunk = disk.take(BATCH_SIZE);
            if (!chunk.results().isEmpty()) {
                return new Batch(List.copyOf(chunk.results()), chunk);
            }
        }
        try {
            RunResult first = memory.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (first == null) {
                return null;
            }
            List<RunResult> results = new ArrayList<>(BATCH_SIZE);
            results.add(first);
            memory.drainTo(results, BATCH_SIZE - 1);
            results.removeIf(r -> r == WAKE);
            return results.isEmpty() ? null : new Batch(results, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return null;
        }
    }

    /** Waits before the next try; true when ingest is closing. */
    private boolean await(Duration pause) {
        try {
            return stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The database's own words, without the batch's SQL and values some drivers put in front of them. */
    static String reason(Throwable e) {
        Throwable cause = e instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : e;
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }

    private void spill(List<RunResult> results) {
        try {
            long dropped = disk.append(results);
            if (dropped > 0) {
                dropped(dropped, "the disk buffer " + disk.dir() + " is full: dropped the oldest");
            }
        } catch (IOException | RuntimeException e) {
            dropped(results.size(), "cannot write the disk buffer " + disk.dir() + " (" + e.getMessage() + "): dropped");
        }
    }

    private void dropped(long count, String why) {
        if (droppedCounter != null) {
            droppedCounter.increment(count);
        }
        if (droppedInEpisode.getAndAdd(count) == 0) { // one line per episode; the recovery line gives the total
            LOG.warn("Ingest: {} {} results", why, count);
        }
    }

    /**
     * Stores what it can within the flush timeout, then puts the rest on disk for the next start: nothing is lost.
     */
    @PreDestroy
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (storeDown) {
            stop.countDown();
        }
        memory.offer(WAKE);
        try {
            // Never interrupted: an interrupt can close an H2 file store under the writer.
            thread.join(flushTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.countDown();
        List<RunResult> rest = new ArrayList<>();
        Batch batch = inFlight;
        if (batch != null && batch.chunk() == null) {
            rest.addAll(batch.results()); // a duplicate if the writer still stores it: ignored by run id
        }
        synchronized (spillLock) {
            memory.drainTo(rest);
            rest.removeIf(r -> r == WAKE);
            for (int from = 0; from < rest.size(); from += SPILL_CHUNK) {
                spill(rest.subList(from, Math.min(rest.size(), from + SPILL_CHUNK)));
            }
            inMemory.addAndGet(-rest.size());
        }
        if (!rest.isEmpty()) {
            LOG.warn("Ingest: stopped with {} results not stored; they wait in {} for the next start", rest.size(),
                    disk.dir());
        }
    }
}

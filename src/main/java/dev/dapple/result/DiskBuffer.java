package dev.dapple.result;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results waiting on disk for the store: one file per append ({@code <sequence>.jsonl}, one JSON RunResult a line),
 * written to a temporary name, fsynced and renamed, so a crash never leaves half a file to read. Files are delivered
 * oldest first and deleted once stored; a restart delivers what a previous process left. Past {@code maxBytes} the
 * oldest files are dropped whole (those being delivered are kept), and {@link #append} reports how many results went.
 * Ingest spills to it while the store is away; a remote probe agent keeps every result in one until the server has it.
 */
public final class DiskBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
    private static final String SUFFIX = ".jsonl";

    private record Segment(Path path, long bytes, int count) {
    }

    /**
     * Results taken from the oldest file (its first {@code fromOldest}) and, when that file ends within the chunk,
     * from whole files after it ({@code whole}), to be confirmed with {@link #delivered} once stored.
     */
    public record Chunk(long sequence, int fromOldest, List<Long> whole, List<RunResult> results) {

        public Chunk {
            whole = List.copyOf(whole);
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final JsonMapper json;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private long bytes;
    private long count;
    private long nextSequence;
    // The file being delivered: its parsed results and how many of them are stored.
    private long drainingSequence = -1;
    private List<RunResult> draining = List.of();
    private int drained;
    // Whole files in the chunk last taken: kept, like the file being delivered, until that chunk is confirmed.
    private List<Long> taken = List.of();

    public DiskBuffer(Path dir, long maxBytes, JsonMapper json) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.json = json;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        Files.delete(file); // never fsynced and renamed: its append did not complete
                    } else if (name.endsWith(SUFFIX)) {
                        long sequence = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        add(sequence, new Segment(file, Files.size(file), lines(file)));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot open the result buffer " + dir + ": " + e.getMessage(), e);
        }
        nextSequence = segments.isEmpty() ? 1 : segments.lastKey() + 1;
    }

    public Path dir() {
        return dir;
    }

    public synchronized long size() {
        return count - drained;
    }

    public synchronized boolean isEmpty() {
        return size() == 0;
    }

    /** Writes the results durably and returns how many older results were dropped to stay within the bound. */
    public synchronized long append(List<RunResult> results) throws IOException {
        List<byte[]> lines = new ArrayList<>(results.size());
        for (RunResult result : results) {
            lines.add((json.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        long dropped = 0;
        long size = lines.stream().mapToLong(l -> l.length).sum();
        while (size > maxBytes && !lines.isEmpty()) { // one append larger than the whole bound keeps its newest
            size -= lines.removeFirst().length;
            dropped++;
        }
        dropped += dropOldest(maxBytes - size);
        if (lines.isEmpty()) {
            return dropped;
        }
        long sequence = nextSequence++;
        Path file = dir.resolve(String.format("%020d", sequence) + SUFFIX);
        Path temporary = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (byte[] line : lines) {
                channel.write(java.nio.ByteBuffer.wrap(line));
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        add(sequence, new Segment(file, size, lines.size()));
        return dropped;
    }

    /** Up to {@code max} results from the oldest file, not yet stored; empty when the buffer is. */
    public Chunk take(int max) {
        return take(max, false);
    }

    /**
     * As {@link #take}, and when the oldest file ends within the chunk, whole files after it too: a remote probe
     * writes one file per result, and its backlog should still go out in full batches.
     */
    public Chunk takeBatch(int max) {
        return take(max, true);
    }

    private synchronized Chunk take(int max, boolean acrossFiles) {
        while (drainingSequence < 0 && !segments.isEmpty()) {
            var oldest = segments.firstEntry();
            drainingSequence = oldest.getKey();
            draining = read(oldest.getValue());
            drained = 0;
            count -= oldest.getValue().count() - draining.size(); // unreadable lines are gone already
            if (draining.isEmpty()) {
                remove(drainingSequence);
            }
        }
        if (drainingSequence < 0) {
            return new Chunk(-1, 0, List.of(), List.of());
        }
        List<RunResult> results = new ArrayList<>(draining.subList(drained, Math.min(draining.size(), drained + max)));
        int fromOldest = results.size();
        List<Long> whole = new ArrayList<>();
        if (acrossFiles && drained + fromOldest == draining.size()) {
            for (var next : segments.tailMap(drainingSequence, false).entrySet()) {
                if (results.size() + next.getValue().count() > max) {
                    break;
                }
                List<RunResult> more = read(next.getValue());
                if (more.size() != next.getValue().count()) { // unreadable lines are gone already
                    count -= next.getValue().count() - more.size();
                    next.setValue(new Segment(next.getValue().path(), next.getValue().bytes(), more.size()));
                }
                results.addAll(more);
                whole.add(next.getKey());
            }
        }
        taken = List.copyOf(whole);
        return new Chunk(drainingSequence, fromOldest, whole, results);
    }

    /** Confirms a chunk as stored; each file goes once all of it is. */
    public synchronized void delivered(Chunk chunk) throws IOException {
        if (chunk.sequence() != drainingSequence) {
            return;
        }
        drained += chunk.fromOldest();
        if (drained >= draining.size()) {
            remove(drainingSequence);
        }
        chunk.whole().forEach(this::remove);
        taken = List.of();
    }

    /** Gives a chunk up undelivered: its whole files may be dropped again past the bound, and taken again. */
    public synchronized void release(Chunk chunk) {
        if (chunk.whole().equals(taken)) {
            taken = List.of();
        }
    }

    private void remove(long sequence) {
        Segment segment = segments.remove(sequence);
        if (sequence == drainingSequence) {
            count -= drained;
            drainingSequence = -1;
            draining = List.of();
            drained = 0;
        } else if (segment != null) {
            count -= segment.count();
        }
        if (segment != null) {
            bytes -= segment.bytes();
            try {
                Files.deleteIfExists(segment.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + segment.path() + ": " + e.getMessage(), e);
            }
        }
    }

    private long dropOldest(long room) {
        long dropped = 0;
        for (Long sequence : new ArrayList<>(segments.keySet())) {
            if (bytes <= room) {
                break;
            }
            if (sequence != drainingSequence && !taken.contains(sequence)) {
                dropped += segments.get(sequence).count();
                remove(sequence);
            }
        }
        return dropped;
    }

    private void add(long sequence, Segment segment) {
        segments.put(sequence, segment);
        bytes += segment.bytes();
        count += segment.count();
    }

    private List<RunResult> read(Segment segment) {
        List<RunResult> results = new ArrayList<>(segment.count());
        try {
            for (String line : Files.readAllLines(segment.path(), StandardCharsets.UTF_8)) {
                try {
                    results.add(json.readValue(line, RunResult.class));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping an unreadable result in {}: {}", segment.path(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}, its results are lost: {}", segment.path(), e.getMessage());
        }
        return results;
    }

    private static int lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.count();
        }
    }
}

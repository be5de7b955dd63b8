package dev.dapple.rollup;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * What one rollup row holds: counters and an HdrHistogram of microseconds (3 significant digits, auto-resizing, so
 * any duration fits). Tallies only ever add up: merging keeps every recorded value, never an average of
 * percentiles.
 */
final class Tally {

    static final int SIGNIFICANT_DIGITS = 3;

    private final long[] counts;
    private final Histogram histogram; // null for counters only: an empty histogram still takes 16 KiB

    Tally(int counters) {
        this(counters, true);
    }

    Tally(int counters, boolean histogram) {
        this(new long[counters], histogram ? new Histogram(SIGNIFICANT_DIGITS) : null);
    }

    private Tally(long[] counts, Histogram histogram) {
        this.counts = counts;
        this.histogram = histogram;
    }

    /** A stored row's counters and compressed histogram (null for a table without histograms). */
    static Tally decode(long[] counts, byte[] compressed) {
        if (compressed == null) {
            Tally tally = new Tally(counts.length, false);
            System.arraycopy(counts, 0, tally.counts, 0, counts.length);
            return tally;
        }
        try {
            // The decoded histogram becomes the tally's own (resizing, like a new one): copying it into a fresh
            // one doubled the cost of the journey page, which merges hundreds of rows.
            Histogram stored = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
            stored.setAutoResize(true);
            return new Tally(counts.clone(), stored);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored rollup histogram cannot be decoded: " + e.getMessage(), e);
        }
    }

    void increment(int counter) {
        counts[counter]++;
    }

    /** Records a value in microseconds; a negative one (clock steps) counts as 0. */
    void record(long micros) {
        histogram.recordValue(Math.max(0, micros));
    }

    void add(Tally other) {
        add(other.counts, other.histogram);
    }

    private void add(long[] otherCounts, Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += otherCounts[i];
        }
        if (histogram != null && other != null) {
            histogram.add(other);
        }
    }

    long count(int counter) {
        return counts[counter];
    }

    Histogram histogram() {
        return histogram;
    }

    /** HdrHistogram's compressed encoding, as stored. */
    byte[] compressed() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }
}

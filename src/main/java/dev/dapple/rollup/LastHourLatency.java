package dev.dapple.rollup;

import dev.dapple.database.Timestamps;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Every journey's p95 run duration over the last derived hour, all locations merged: an overview's cheap latency
 * figure. Decoding a histogram costs tens of microseconds, so a thousand journeys' hours are merged once per hour and
 * kept until a newer hour is derived (a late result re-deriving that hour shows from the next one on).
 */
@Singleton
public final class LastHourLatency {

    /**
     * @param from       the hour's start
     * @param to         its end
     * @param p95Micros  per journey with completed runs in it, the p95 duration in microseconds
     */
    public record Hour(Instant from, Instant to, Map<String, Long> p95Micros) {
        public Hour {
            p95Micros = Map.copyOf(p95Micros);
        }
    }

    private final RollupStore store;
    private volatile Hour cached;

    LastHourLatency(RollupStore store) {
        this.store = store;
    }

    /** The last derived hour's figures; empty before any hour is derived. */
    public Optional<Hour> lastHour() throws SQLException {
        try (Connection connection = store.connection()) {
            Optional<Instant> derived = store.position(connection, BucketSize.HOUR.plural(), false);
            if (derived.isEmpty()) {
                return Optional.empty();
            }
            Instant to = BucketSize.HOUR.floor(derived.get());
            Instant from = to.minus(BucketSize.HOUR.duration());
            Hour hour = cached;
            if (hour == null || !hour.from().equals(from)) {
                hour = new Hour(from, to, read(connection, from));
                cached = hour;
            }
            return Optional.of(hour);
        }
    }

    private static Map<String, Long> read(Connection connection, Instant from) throws SQLException {
        Map<String, Histogram> merged = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT journey, histogram FROM journey_rollups"
                + " WHERE bucket_seconds = ? AND bucket_start = ?")) {
            query.setInt(1, BucketSize.HOUR.seconds());
            query.setObject(2, Timestamps.of(from));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // an auto-resizing sum: a decoded histogram only holds its own range
                    merged.computeIfAbsent(rows.getString(1), j -> new Histogram(Tally.SIGNIFICANT_DIGITS))
                            .add(decode(rows.getBytes(2)));
                }
            }
        }
        Map<String, Long> p95 = new HashMap<>();
        merged.forEach((journey, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                p95.put(journey, histogram.getValueAtPercentile(95));
            }
        });
        return p95;
    }

    private static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored rollup histogram cannot be decoded: " + e.getMessage(), e);
        }
    }
}

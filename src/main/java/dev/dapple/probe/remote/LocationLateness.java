package dev.dapple.probe.remote;

import dev.dapple.database.Timestamps;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Schedule lateness (started − planned) per location, from the leader's minute rollups: histograms merged, never
 * percentiles averaged. Cheap: one row per location and minute.
 */
@Singleton
public final class LocationLateness {

    private final DataSource dataSource;

    public LocationLateness(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The 99th percentile of lateness in microseconds per location, over minutes starting in [from, to). */
    public Map<String, Long> p99(Instant from, Instant to) throws SQLException {
        Map<String, Histogram> merged = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT location, histogram FROM lateness_rollups"
                     + " WHERE bucket_seconds = 60 AND bucket_start >= ? AND bucket_start < ?")) {
            select.setObject(1, Timestamps.of(from));
            select.setObject(2, Timestamps.of(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Histogram minute = decode(rows.getBytes(2));
                    merged.computeIfAbsent(rows.getString(1), l -> new Histogram(3)).add(minute);
                }
            }
        }
        var p99 = new TreeMap<String, Long>();
        merged.forEach((location, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                p99.put(location, histogram.getValueAtPercentile(99));
            }
        });
        return p99;
    }

    private static Histogram decode(byte[] compressed) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored lateness histogram cannot be decoded: " + e.getMessage(), e);
        }
    }
}

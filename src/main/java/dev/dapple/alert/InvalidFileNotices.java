package dev.dapple.alert;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.catalog.ScanListener;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Severity;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A journey file that becomes invalid sends one low-severity NOTICE per content hash to the
 * {@code dapple.alert.defaults.low} channels (not the paging ones: nothing would resolve a page), so a broken file
 * never silently stops monitoring. The dedup key {@code invalid-file-<sha256 of path and content hash>} makes it once
 * per version across scans, servers and restarts, and fits the column whatever the path's length; versions already
 * queued are remembered so a scan every few seconds does not ask the store again.
 */
@Singleton
final class InvalidFileNotices implements ScanListener {

    private final AlertDefaults defaults;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final Clock clock;
    private final AlertContent content;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    InvalidFileNotices(AlertDefaults defaults, Outbox outbox, DataSource dataSource, Clock clock, PublicUrl url) {
        this.defaults = defaults;
        this.outbox = outbox;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
        this.content = new AlertContent(url);
    }

    @Override
    public void scanned(List<Journey> journeys, List<InvalidFile> files) throws SQLException {
        List<String> channels = defaults.forSeverity(Severity.LOW);
        Set<String> current = new HashSet<>();
        for (InvalidFile file : files) {
            String dedup = dedupKey(file);
            current.add(dedup);
            if (channels.isEmpty() || queued.contains(dedup)) {
                continue;
            }
            Alert alert = content.invalidFile(file.path(), file.firstError().line() + ":" + file.firstError().column()
                    + ": " + file.firstError().message(), clock.instant());
            inTransaction(dataSource::getConnection, transaction -> {
                for (String channel : channels) {
                    outbox.enqueue(transaction, channel, alert, dedup);
                }
                return null;
            });
            queued.add(dedup);
        }
        queued.retainAll(current); // fixed and broken again the same way: the store's dedup still says once
    }

    static String dedupKey(InvalidFile file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((file.path() + "\n" + file.contentHash()).getBytes(StandardCharsets.UTF_8));
            return "invalid-file-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

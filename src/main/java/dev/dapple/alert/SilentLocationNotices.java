package dev.dapple.alert;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.journey.Severity;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.remote.LocationStatus;
import dev.dapple.probe.remote.ProbesOverview;
import dev.dapple.probe.remote.ProbesReport;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A location whose probes all fell silent while it has journeys to run is a probe problem, not a journey failure:
 * its missing runs are simply not there (no result counts against an SLO or opens an incident), so this NOTICE to
 * the {@code dapple.alert.defaults.low} channels is what tells anyone. Once per silence: the dedup key holds the
 * location and its last heartbeat, so servers, restarts and passes never repeat it.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public final class SilentLocationNotices {

    private final ProbesOverview overview;
    private final AlertDefaults defaults;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final PublicUrl url;

    SilentLocationNotices(ProbesOverview overview, AlertDefaults defaults, Outbox outbox, DataSource dataSource,
                          PublicUrl url) {
        this.overview = overview;
        this.defaults = defaults;
        this.outbox = outbox;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.url = url;
    }

    /** Queues a notice for each location silent now and not announced yet; returns how many were new. */
    public int pass(Instant now) throws SQLException {
        List<String> channels = defaults.forSeverity(Severity.LOW);
        if (channels.isEmpty()) {
            return 0;
        }
        ProbesReport report = overview.report();
        int queued = 0;
        for (LocationStatus location : report.locations()) {
            if (!location.silent()) {
                continue;
            }
            Optional<Instant> last = report.probes().stream().filter(p -> p.location().equals(location.location()))
                    .map(ProbeStatus::lastHeartbeat).max(Comparator.naturalOrder());
            Alert alert = notice(location, last, now);
            String dedup = "silent-location-" + location.location() + "-"
                    + last.map(t -> Long.toString(t.toEpochMilli())).orElse("never");
            boolean added = inTransaction(dataSource::getConnection, transaction -> {
                boolean any = false;
                for (String channel : channels) {
                    any |= outbox.enqueue(transaction, channel, alert, dedup);
                }
                return any;
            });
            queued += added ? 1 : 0;
        }
        return queued;
    }

    private Alert notice(LocationStatus location, Optional<Instant> last, Instant now) {
        String since = last.map(t -> "since " + t).orElse("no probe has reported yet");
        String summary = "Location " + location.location() + " is silent (" + since + "): no probe heartbeat, so its "
                + location.journeys() + " journeys are not running there. A probe problem, not a journey failure.";
        return new Alert(Alert.Kind.NOTICE, "probe-location/" + location.location(), summary, Severity.LOW, null, null,
                null, null, List.of(location.location()), List.of(), last.orElse(now), now, null, url.of("/probes"),
                false, Map.of("location", location.location(), "probes", Integer.toString(location.probes()),
                        "last heartbeat", last.map(Instant::toString).orElse("never")));
    }
}

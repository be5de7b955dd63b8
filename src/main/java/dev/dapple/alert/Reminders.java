package dev.dapple.alert;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Journey;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code alert.remind}: while an incident is open and nobody acknowledged it, a REMINDER goes to the channels that got
 * its trigger every remind period. The n-th reminder's dedup key is {@code remind-<incident>-<n>}, n counted in whole
 * periods since the incident opened, so passes on any server, repeated or after a restart, queue each one once.
 */
@Singleton
public final class Reminders {

    /** Open incidents looked at per pass: more than any real outage has at once. */
    static final int MAX_OPEN = 1000;

    private final Incidents incidents;
    private final Catalog catalog;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final AlertContent content;

    Reminders(Incidents incidents, Catalog catalog, Outbox outbox, DataSource dataSource, PublicUrl url) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.outbox = outbox;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.content = new AlertContent(url);
    }

    /** One pass at {@code now}; returns how many reminder messages it queued. */
    public int pass(Instant now) throws SQLException {
        List<Incident> open = incidents.list(Incidents.State.OPEN, null, MAX_OPEN);
        if (open.isEmpty()) {
            return 0;
        }
        Map<String, Journey> journeys = catalog.current().stream()
                .collect(Collectors.toMap(Journey::name, Function.identity()));
        int queued = 0;
        for (Incident incident : open) {
            Journey journey = journeys.get(incident.journey());
            Optional<Duration> remind = journey == null ? Optional.empty() : journey.alert().remind();
            if (incident.acknowledgedBy() != null || remind.isEmpty()) {
                continue;
            }
            long n = Duration.between(incident.openedAt(), now).toMillis() / remind.get().toMillis();
            if (n >= 1) {
                queued += remind(incident, journey, n, now);
            }
        }
        return queued;
    }

    private int remind(Incident incident, Journey journey, long n, Instant now) throws SQLException {
        String key = Outbox.incidentKey(incident.journey(), incident.id());
        Alert alert = content.reminder(incident.journey(), incident.id(), Optional.of(journey), incident.startedAt(),
                now, incident.locations(), incident.failingSteps(), incident.drill());
        return inTransaction(dataSource::getConnection, transaction -> {
            int queued = 0;
            for (String channel : outbox.triggeredChannels(transaction, key)) {
                queued += outbox.enqueue(transaction, channel, alert, "remind-" + incident.id() + "-" + n) ? 1 : 0;
            }
            return queued;
        });
    }
}

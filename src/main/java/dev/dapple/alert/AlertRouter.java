package dev.dapple.alert;

import dev.dapple.catalog.Catalog;
import dev.dapple.catalog.ScanListener;
import dev.dapple.incident.StateChange;
import dev.dapple.incident.StateChangeListener;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Severity;
import dev.dapple.slo.BurnRateRule;
import dev.dapple.slo.SloSnapshots;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who hears of each recorded {@link StateChange} and queues its {@link Alert} in the {@link Outbox} on the
 * recording transaction, deduplicated by the change's id: a change is announced exactly when it commits.
 * Incidents and paging burn alerts go to the journey's {@code alert.channels}, else to the defaults of its severity;
 * ticket burn alerts to {@code alert.ticket_channels}, else the low defaults. A resolve goes to exactly the channels
 * that got its trigger and repeats its trigger's owner, severity, locations and start (read on the recording
 * transaction), so neither a configuration change nor an edited or removed journey strands an open alert. Journeys
 * are read on the recording transaction too: it holds locks, so it must not wait on a second connection. Drill
 * changes reach only channels marked {@code drills: true}. Once channels are configured, a published journey whose
 * incidents would reach no channel is logged once.
 */
@Singleton
final class AlertRouter implements StateChangeListener, ScanListener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);

    private final Channels channels;
    private final AlertDefaults defaults;
    private final Outbox outbox;
    private final Catalog catalog;
    private final SloSnapshots snapshots;
    private final AlertContent content;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    AlertRouter(Channels channels, AlertDefaults defaults, Outbox outbox, Catalog catalog, SloSnapshots snapshots,
                PublicUrl url) {
        this.channels = channels;
        this.defaults = defaults;
        this.outbox = outbox;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.content = new AlertContent(url);
    }

    @Override
    public void recorded(Connection transaction, long id, StateChange change) throws SQLException {
        if (channels.names().isEmpty()) {
            return; // nothing to route to: no reads on the recording transaction
        }
        String dedup = "state-change-" + id;
        switch (change) {
            case StateChange.IncidentOpened o -> {
                Optional<Journey> journey = catalog.current(transaction, o.journey());
                send(transaction, content.opened(o, journey, budget(transaction, o.journey())),
                        pageRoutes(o.journey(), journey), o.drill(), dedup);
            }
            case StateChange.IncidentResolved r -> {
                Optional<Journey> journey = catalog.current(transaction, r.journey());
                Alert alert = content.resolved(r, journey, r.at().minus(r.duration()), budget(transaction, r.journey()));
                Optional<Alert> trigger = latestTrigger(transaction, alert.key());
                resolve(transaction, trigger.map(t -> AlertContent.asResolveOf(alert, t)).orElse(alert),
                        pageRoutes(r.journey(), journey), r.drill(), dedup);
            }
            case StateChange.BurnAlertFired f -> {
                Optional<Journey> journey = catalog.current(transaction, f.journey());
                send(transaction, content.fired(f, journey, budget(transaction, f.journey())),
                        burnRoutes(f.urgency(), f.journey(), journey), f.drill(), dedup);
            }
            case StateChange.BurnAlertResolved r -> {
                Optional<Journey> journey = catalog.current(transaction, r.journey());
                Alert alert = content.burnResolved(r, journey, budget(transaction, r.journey()));
                Optional<Alert> trigger = latestTrigger(transaction, alert.key());
                resolve(transaction, trigger.map(t -> AlertContent.asResolveOf(alert, t)).orElse(alert),
                        burnRoutes(r.urgency(), r.journey(), journey), r.drill(), dedup);
            }
            case StateChange.DrillStarted d -> send(transaction, content.drill(d.drillId(), d.journeys(), d.at(), true),
                    drillRoutes(transaction, d.journeys()), true, dedup);
            case StateChange.DrillEnded d -> send(transaction, content.drill(d.drillId(), d.journeys(), d.at(), false),
                    drillRoutes(transaction, d.journeys()), true, dedup);
        }
    }

    /** Warns (once each) of the scanned journeys whose incidents would reach no channel. */
    @Override
    public void scanned(List<Journey> journeys, List<InvalidFile> invalid) {
        if (!channels.names().isEmpty()) {
            journeys.forEach(journey -> pageRoutes(journey.name(), Optional.of(journey)));
        }
    }

    /** Queues {@code alert} to each routed channel that exists (and, for a drill, takes drills). */
    private void send(Connection transaction, Alert alert, Collection<String> routes, boolean drill, String dedup)
            throws SQLException {
        for (String name : routes) {
            Optional<Channels.Channel> channel = channels.get(name);
            if (channel.isEmpty()) {
                warnOnce("channel:" + name + ":" + alert.journey(), "Alerts: journey {} names channel '{}', which is"
                        + " not configured ({}): its alerts do not go there", alert.journey(), name, Channels.PREFIX);
            } else if (!drill || channel.get().settings().drills()) {
                outbox.enqueue(transaction, name, alert, dedup);
            }
        }
    }

    /** To the channels that got the trigger; by the routing rules only when none did (it predates the outbox). */
    private void resolve(Connection transaction, Alert alert, Collection<String> routes, boolean drill, String dedup)
            throws SQLException {
        List<String> triggered = outbox.triggeredChannels(transaction, alert.key());
        if (triggered.isEmpty()) {
            send(transaction, alert, routes, drill, dedup);
            return;
        }
        for (String name : triggered) {
            outbox.enqueue(transaction, name, alert, dedup);
        }
    }

    private List<String> pageRoutes(String name, Optional<Journey> journey) {
        List<String> named = journey.map(j -> j.alert().channels()).orElse(List.of());
        List<String> routes = named.isEmpty() ? defaults.forSeverity(AlertContent.severity(journey)) : named;
        if (routes.isEmpty()) {
            warnOnce("unrouted:" + name, "Alerts: incidents of journey {} reach no channel: it names no"
                    + " alert.channels and {} names none", name, AlertDefaults.key(AlertContent.severity(journey)));
        }
        return routes;
    }

    private List<String> ticketRoutes(Optional<Journey> journey) {
        List<String> named = journey.map(j -> j.alert().ticketChannels()).orElse(List.of());
        return named.isEmpty() ? defaults.forSeverity(Severity.LOW) : named;
    }

    private List<String> burnRoutes(BurnRateRule.Urgency urgency, String name, Optional<Journey> journey) {
        return urgency == BurnRateRule.Urgency.PAGE ? pageRoutes(name, journey) : ticketRoutes(journey);
    }

    /** Every route of the drill's journeys; {@link #send} keeps the channels that take drills. */
    private Set<String> drillRoutes(Connection transaction, List<String> journeys) throws SQLException {
        var routes = new LinkedHashSet<String>();
        for (String name : journeys) {
            Optional<Journey> journey = catalog.current(transaction, name);
            routes.addAll(pageRoutes(name, journey));
            routes.addAll(ticketRoutes(journey));
        }
        return routes;
    }

    private Double budget(Connection transaction, String journey) throws SQLException {
        return snapshots.budgetRemaining(transaction, journey).orElse(null);
    }

    /**
     * The alert of the latest queued trigger with this key. One that cannot be read is passed over (with a warning),
     * never allowed to fail the transaction that resolves its incident.
     */
    private Optional<Alert> latestTrigger(Connection transaction, String key) throws SQLException {
        try {
            return outbox.latestTrigger(transaction, key);
        } catch (UncheckedIOException e) {
            warnOnce("unreadable:" + key, "Alerts: the queued trigger of {} cannot be read ({}); its resolve"
                    + " is sent as built, without the trigger's facts", key, e.getMessage());
            return Optional.empty();
        }
    }

    private void warnOnce(String what, String message, Object... arguments) {
        if (warned.add(what)) {
            LOG.warn(message, arguments);
        }
    }
}

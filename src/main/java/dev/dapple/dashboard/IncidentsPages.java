package dev.dapple.dashboard;

import dev.dapple.alert.Outbox;
import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.maintenance.DrillReports;
import dev.dapple.maintenance.DrillStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Builds the {@link IncidentsPage} from the stored incidents, the alert outbox and the drills. */
@Singleton
public final class IncidentsPages {

    public static final int RESOLVED_SHOWN = 50;
    /** More open incidents than this means something else is wrong; the API lists them all. */
    static final int OPEN_SHOWN = 500;
    static final int DRILLS_SHOWN = 10;

    private final Incidents incidents;
    private final Outbox outbox;
    private final DrillStore drills;
    private final DrillReports reports;
    private final Catalog catalog;
    private final Clock clock;

    public IncidentsPages(Incidents incidents, Outbox outbox, DrillStore drills, DrillReports reports, Catalog catalog,
                          Clock clock) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.drills = drills;
        this.reports = reports;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param journey only this journey's incidents and drills, when not null
     * @param notice  a message to show above the lists
     */
    public IncidentsPage page(@Nullable String journey, boolean admin, @Nullable String notice) throws SQLException {
        Instant now = clock.instant();
        Map<String, Duration> objectives = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Journey published : catalog.current()) {
            names.add(published.name());
            published.slo().flatMap(Slo::recovery).ifPresent(objective -> objectives.put(published.name(), objective));
        }
        names.sort(null);
        List<Incident> open = incidents.list(Incidents.State.OPEN, journey, OPEN_SHOWN);
        List<Incident> resolved = incidents.list(Incidents.State.RESOLVED, journey, RESOLVED_SHOWN);
        Map<String, List<IncidentsPage.AlertSent>> alerts = alerts(Stream.concat(open.stream(), resolved.stream())
                .map(i -> Outbox.incidentKey(i.journey(), i.id())).toList());
        List<DrillReports.Report> drillReports = new ArrayList<>();
        for (var drill : drills.all()) {
            if (drillReports.size() == DRILLS_SHOWN) {
                break;
            }
            if (journey == null || drill.journeys().contains(journey)) {
                drillReports.add(reports.report(drill));
            }
        }
        return new IncidentsPage(now, journey, names, admin, notice, items(open, objectives, alerts),
                items(resolved, objectives, alerts), drillReports);
    }

    private Map<String, List<IncidentsPage.AlertSent>> alerts(List<String> keys) throws SQLException {
        Map<String, List<IncidentsPage.AlertSent>> byKey = new HashMap<>();
        for (Outbox.Entry entry : outbox.withKeys(keys)) {
            byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(new IncidentsPage.AlertSent(entry.channel(),
                    entry.kind().name().toLowerCase(Locale.ROOT), entry.state(), entry.attempts(), entry.lastError()));
        }
        return byKey;
    }

    private static List<IncidentsPage.Item> items(List<Incident> incidents, Map<String, Duration> objectives,
                                                  Map<String, List<IncidentsPage.AlertSent>> alerts) {
        return incidents.stream().map(i -> new IncidentsPage.Item(i, objectives.get(i.journey()),
                alerts.getOrDefault(Outbox.incidentKey(i.journey(), i.id()), List.of()))).toList();
    }
}

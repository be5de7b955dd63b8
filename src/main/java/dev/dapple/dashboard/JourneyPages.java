package dev.dapple.dashboard;

import dev.dapple.catalog.Catalog;
import dev.dapple.dashboard.JourneyPage.IncidentRow;
import dev.dapple.dashboard.JourneyPage.RecentRun;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.Journey;
import dev.dapple.maintenance.Annotation;
import dev.dapple.maintenance.AnnotationStore;
import dev.dapple.result.RunQuery;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloSnapshot;
import dev.dapple.slo.SloSnapshots;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Builds a {@link JourneyPage} from the catalog, the SLO snapshot and the stored rollups, runs and incidents. */
@Singleton
final class JourneyPages {

    static final int RECENT_RUNS = 25;
    /** Incidents read to find those overlapping the window; a journey with more in 28 days has bigger problems. */
    static final int INCIDENTS = 100;

    private final Catalog catalog;
    private final SloSnapshots snapshots;
    private final SloPanels panels;
    private final JourneyCharts charts;
    private final StepTables tables;
    private final RunReader runs;
    private final Incidents incidents;
    private final AnnotationStore annotations;
    private final Clock clock;

    JourneyPages(Catalog catalog, SloSnapshots snapshots, SloPanels panels, JourneyCharts charts, StepTables tables,
                 RunReader runs, Incidents incidents, AnnotationStore annotations, Clock clock) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.panels = panels;
        this.charts = charts;
        this.tables = tables;
        this.runs = runs;
        this.incidents = incidents;
        this.annotations = annotations;
        this.clock = clock;
    }

    /** The page of a published journey; empty when no journey of that name is published. */
    Optional<JourneyPage> page(String name, PageWindow window) throws SQLException {
        Optional<Journey> found = catalog.current(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Journey journey = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(window.length());
        Optional<SloSnapshot> snapshot = snapshots.of(name);
        List<RunResult> recent = runs.page(new RunQuery(name, null, null, from, now, RECENT_RUNS, null)).runs();
        List<String> locations = locations(journey, snapshot, recent);
        List<IncidentRow> overlapping = incidents.list(null, name, INCIDENTS).stream()
                .filter(i -> i.startedAt().isBefore(now) && (i.endedAt() == null || !i.endedAt().isBefore(from)))
                .map(JourneyPages::row).toList();
        List<Annotation> notes = annotations.find(name, from, now);
        StepTables.Tables steps = tables.tables(journey, locations, from, now, now);
        return Optional.of(new JourneyPage(name, journey.description(), journey.owner(),
                journey.severity().name().toLowerCase(Locale.ROOT),
                journey.runbook().map(URI::toString).orElse(null), window, now, from,
                snapshot.map(s -> Health.of(s.state())).orElse(Health.NO_DATA),
                snapshot.map(panels::panel).orElse(null),
                charts.availability(name, locations, window, now),
                charts.durations(name, window, now, overlapping, notes), steps.rows(), steps.funnel(),
                recent.stream().map(JourneyPages::recent).toList(), overlapping, notes));
    }

    /** Where the journey runs: its own list, else every location it has SLO figures or recent runs from. */
    private static List<String> locations(Journey journey, Optional<SloSnapshot> snapshot, List<RunResult> recent) {
        TreeSet<String> locations = new TreeSet<>(journey.locations());
        if (journey.runsEverywhere()) {
            snapshot.ifPresent(s -> locations.addAll(
                    s.report().objective(Objective.AVAILABILITY.key()).locations().keySet()));
            recent.forEach(run -> locations.add(run.location()));
        }
        return List.copyOf(locations);
    }

    private static IncidentRow row(Incident incident) {
        return new IncidentRow(incident.id(), incident.startedAt(), incident.endedAt(), incident.locations(),
                incident.badRuns(), incident.drill());
    }

    private static RecentRun recent(RunResult run) {
        return new RecentRun(run.id(), run.plannedAt(), run.location(), run.outcome().name(), run.durationUs(),
                run.error());
    }
}

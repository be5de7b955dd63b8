package dev.dapple.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.catalog.Catalog;
import dev.dapple.http.Problem;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.incident.RecoveryStatsView;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/journeys/{name}/slo}: a journey's SLO figures computed now from the SLO counts, with its firing burn
 * alerts; {@code GET /api/slo}: every journey's latest stored snapshot, as the evaluator left it.
 */
@Controller("/api")
public final class SloController {

    /**
     * The report's fields, the journey's firing burn alerts, and its recovery figures over the same window.
     *
     * @param recoveryObjectiveSeconds the journey's {@code slo.recovery}; null when it states none
     * @param recovery                 the incidents that started in the SLO window: MTTR, MTBF, longest recovery,
     *                                 breaches (as {@code GET /api/journeys/{name}/incidents/stats})
     * @param openIncident      the id of its open incident; null when none
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JourneySloView(String journey, Instant evaluatedAt, SloWindow window,
                                 List<SloReport.ObjectiveReport> objectives,
                                 SloReport.ProcessAvailability processAvailability,
                                 List<FiringBurnAlert> firingBurnAlerts, @Nullable Long recoveryObjectiveSeconds,
                                 RecoveryStatsView recovery, @Nullable Long openIncident) {
    }

    @Serdeable
    public record SnapshotsView(List<SloSnapshot> journeys) {
    }

    private final Catalog catalog;
    private final SloReports reports;
    private final BurnAlerts alerts;
    private final SloSnapshots snapshots;
    private final Incidents incidents;
    private final Clock clock;

    public SloController(Catalog catalog, SloReports reports, BurnAlerts alerts, SloSnapshots snapshots,
                         Incidents incidents, Clock clock) {
        this.catalog = catalog;
        this.reports = reports;
        this.alerts = alerts;
        this.snapshots = snapshots;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Get("/journeys/{name}/slo")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> journey(@PathVariable String name) throws SQLException {
        Optional<Journey> journey = catalog.current(name);
        if (journey.isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no published journey named '" + name + "'");
        }
        SloReport report = reports.report(journey.get(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        RecoveryStatsView recovery = RecoveryStatsView.of(name,
                incidents.recoveryStats(name, report.window().start(), report.evaluatedAt()));
        Long openIncident = incidents.list(Incidents.State.OPEN, name, 1).stream().findFirst().map(Incident::id)
                .orElse(null);
        return HttpResponse.ok(new JourneySloView(report.journey(), report.evaluatedAt(), report.window(),
                report.objectives(), report.processAvailability(), alerts.firing(name),
                journey.get().slo().flatMap(Slo::recovery).map(Duration::toSeconds).orElse(null), recovery, openIncident));
    }

    @Get("/slo")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SnapshotsView all() throws SQLException {
        return new SnapshotsView(snapshots.all());
    }
}

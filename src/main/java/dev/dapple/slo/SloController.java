package dev.dapple.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.catalog.Catalog;
import dev.dapple.http.Problem;
import dev.dapple.journey.Journey;
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

    /** The report's fields and the journey's firing burn alerts. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JourneySloView(String journey, Instant evaluatedAt, SloWindow window,
                                 List<SloReport.ObjectiveReport> objectives,
                                 SloReport.ProcessAvailability processAvailability,
                                 List<FiringBurnAlert> firingBurnAlerts) {
    }

    @Serdeable
    public record SnapshotsView(List<SloSnapshot> journeys) {
    }

    private final Catalog catalog;
    private final SloReports reports;
    private final BurnAlerts alerts;
    private final SloSnapshots snapshots;
    private final Clock clock;

    public SloController(Catalog catalog, SloReports reports, BurnAlerts alerts, SloSnapshots snapshots, Clock clock) {
        this.catalog = catalog;
        this.reports = reports;
        this.alerts = alerts;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Get("/journeys/{name}/slo")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> journey(@PathVariable String name) throws SQLException {
        Optional<Journey> journey = catalog.current().stream().filter(j -> j.name().equals(name)).findFirst();
        if (journey.isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no published journey named '" + name + "'");
        }
        SloReport report = reports.report(journey.get(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return HttpResponse.ok(new JourneySloView(report.journey(), report.evaluatedAt(), report.window(),
                report.objectives(), report.processAvailability(), alerts.firing(name)));
    }

    @Get("/slo")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SnapshotsView all() throws SQLException {
        return new SnapshotsView(snapshots.all());
    }
}

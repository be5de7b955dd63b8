package dev.dapple.maintenance;

import dev.dapple.http.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/drills} (drills that started, newest first) and {@code GET /api/drills/{id}}: the drill report, each
 * journey's measured recovery time from its raw runs against its recovery objective.
 */
@Controller("/api/drills")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class DrillController {

    private final DrillStore drills;
    private final DrillReports reports;

    public DrillController(DrillStore drills, DrillReports reports) {
        this.drills = drills;
        this.reports = reports;
    }

    @Get
    public List<Drill> drills() throws SQLException {
        return drills.all();
    }

    @Get("/{id}")
    public HttpResponse<?> report(@PathVariable String id) throws SQLException {
        long drillId;
        try {
            drillId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "'" + id + "' is not a drill id (a number)");
        }
        Optional<Drill> drill = drills.find(drillId);
        if (drill.isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no drill with id " + drillId + " (GET /api/drills lists them)");
        }
        return HttpResponse.ok(reports.report(drill.get()));
    }
}

package dev.dapple.maintenance;

import dev.dapple.catalog.Catalog;
import dev.dapple.http.Problem;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.result.RunReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/drills} (drills that started, newest first) and {@code GET /api/drills/{id}}: the drill report, each
 * journey's measured recovery time from its raw runs against its recovery objective.
 */
@Controller("/api/drills")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class DrillController {

    /** How long after a drill a recovery is still looked for. */
    static final Duration RECOVERY_HORIZON = Duration.ofDays(1);

    @Serdeable
    public record Report(Drill drill, List<Recovery.PerJourney> journeys) {
    }

    private final DrillStore drills;
    private final RunReader runs;
    private final Catalog catalog;
    private final Clock clock;

    public DrillController(DrillStore drills, RunReader runs, Catalog catalog, Clock clock) {
        this.drills = drills;
        this.runs = runs;
        this.catalog = catalog;
        this.clock = clock;
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
        return HttpResponse.ok(report(drill.get()));
    }

    private Report report(Drill drill) throws SQLException {
        Map<String, Journey> published = catalog.current().stream()
                .collect(Collectors.toMap(Journey::name, Function.identity()));
        Instant horizon = drill.to().plus(RECOVERY_HORIZON);
        Instant until = clock.instant().isBefore(horizon) ? clock.instant() : horizon;
        var journeys = new ArrayList<Recovery.PerJourney>();
        for (String name : drill.journeys()) {
            Optional<Slo> slo = Optional.ofNullable(published.get(name)).flatMap(Journey::slo);
            journeys.add(Recovery.of(name, until.isAfter(drill.from()) ? runs.planned(drill.from(), until, name, null) : List.of(),
                    drill.to(), slo.map(Slo::degraded).orElse(Slo.Degraded.GOOD),
                    slo.flatMap(Slo::recovery).orElse(null)));
        }
        return new Report(drill, journeys);
    }
}

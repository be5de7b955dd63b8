package dev.dapple.maintenance;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
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
 * A drill's report: each journey's measured recovery time from its raw runs against its recovery objective, for the
 * API ({@link DrillController}) and the dashboard's incidents page.
 */
@Singleton
public final class DrillReports {

    /** How long after a drill a recovery is still looked for. */
    static final Duration RECOVERY_HORIZON = Duration.ofDays(1);

    @Serdeable
    public record Report(Drill drill, List<Recovery.PerJourney> journeys) {
    }

    private final RunReader runs;
    private final Catalog catalog;
    private final Clock clock;

    public DrillReports(RunReader runs, Catalog catalog, Clock clock) {
        this.runs = runs;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Report report(Drill drill) throws SQLException {
        Map<String, Journey> published = catalog.current().stream()
                .collect(Collectors.toMap(Journey::name, Function.identity()));
        Instant horizon = drill.to().plus(RECOVERY_HORIZON);
        Instant until = clock.instant().isBefore(horizon) ? clock.instant() : horizon;
        var journeys = new ArrayList<Recovery.PerJourney>();
        for (String name : drill.journeys()) {
            Optional<Slo> slo = Optional.ofNullable(published.get(name)).flatMap(Journey::slo);
            List<RunResult> planned = until.isAfter(drill.from())
                    ? runs.planned(drill.from(), until, name, null) : List.of();
            journeys.add(Recovery.of(name, planned, drill.to(), slo.map(Slo::degraded).orElse(Slo.Degraded.GOOD),
                    slo.flatMap(Slo::recovery).orElse(null)));
        }
        return new Report(drill, journeys);
    }
}

package dev.dapple.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A journey's latest SLO evaluation as stored for pages: the headline figures of its availability objective, its
 * firing burn alerts, and the whole report.
 *
 * @param state           incident, burning, exhausted, no data or OK (see {@link JourneyState})
 * @param openIncident    the id of the journey's open incident as of the evaluation; null when none
 * @param sli             availability's budgeted SLI; null when unknown
 * @param budgetRemaining availability's share of budget left; null when unknown
 * @param burnRate1h      availability's burn rate over the last hour; null without runs in it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SloSnapshot(String journey, Instant evaluatedAt, JourneyState state, @Nullable Long openIncident,
                          @Nullable Double sli, @Nullable Double budgetRemaining,
                          @Nullable Double burnRate1h, List<FiringBurnAlert> firingAlerts, SloReport report) {

    public SloSnapshot {
        firingAlerts = List.copyOf(firingAlerts);
    }

    static SloSnapshot of(SloReport report, List<FiringBurnAlert> firing, @Nullable Long openIncident) {
        SloReport.Figures availability = report.objective(Objective.AVAILABILITY.key()).budgeted();
        boolean exhausted = report.objectives().stream().map(o -> o.budgeted().budgetRemaining())
                .anyMatch(remaining -> remaining != null && remaining <= 0);
        JourneyState state = JourneyState.of(openIncident != null, !firing.isEmpty(), exhausted,
                availability.sli() != null);
        return new SloSnapshot(report.journey(), report.evaluatedAt(), state, openIncident, availability.sli(),
                availability.budgetRemaining(), availability.burnRates().get("1h"), firing, report);
    }
}

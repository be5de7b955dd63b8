package dev.dapple.catalog;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.LatestRuns;
import dev.dapple.result.Outcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One journey as the read API shows it. A file that never had a valid version is an item too: no name, no summary,
 * only its path and errors. {@code definition} is filled for {@code GET /api/journeys/{name}} only.
 *
 * @param current   the newest run at each location, within the bound {@link JourneyListing} documents
 * @param lastRunAt the planned time of the newest of those runs
 * @param errors    the validation errors of the journey's file now; the published (last valid) version still runs
 */
@Serdeable
public record JourneyItem(@Nullable String name, @Nullable JourneySummary summary, @Nullable String contentHash,
                          String sourcePath, @Nullable Instant publishedAt, List<Current> current,
                          @Nullable Instant lastRunAt, List<CatalogController.ErrorView> errors,
                          @Nullable JourneyDefinition definition) {

    /** The outcome of the newest stored run at one location. */
    @Serdeable
    public record Current(String location, UUID runId, Instant plannedAt, Outcome outcome,
                          @Nullable ErrorKind errorKind, @Nullable String error) {
        static Current of(LatestRuns.Latest run) {
            return new Current(run.location(), run.id(), run.plannedAt(), run.outcome(), run.errorKind(), run.error());
        }
    }

    JourneyItem withDefinition(JourneyDefinition full) {
        return new JourneyItem(name, summary, contentHash, sourcePath, publishedAt, current, lastRunAt, errors, full);
    }
}

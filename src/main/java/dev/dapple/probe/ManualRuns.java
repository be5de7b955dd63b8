package dev.dapple.probe;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.result.RunResult;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * "Run now": a published journey run once by the embedded probe, outside its schedule. The result is returned, not
 * stored: it is no planned run, so it must not count in SLOs, rollups or metrics as one.
 */
@Singleton
public final class ManualRuns {

    /** What asking for a manual run gave. */
    public sealed interface Answer {
        /** @param lastValidVersion the journey's file is invalid now, so this ran the last valid (published) version */
        record Ran(RunResult result, boolean lastValidVersion) implements Answer {
        }

        record Unknown(List<String> published) implements Answer {
        }

        /** Published, but its stored version no longer parses (the catalog logged why). */
        record Unparsable() implements Answer {
        }

        record Saturated(String reason) implements Answer {
        }

        record NoProbe() implements Answer {
        }
    }

    private final Catalog catalog;
    private final Optional<EmbeddedProbe> probe;

    public ManualRuns(Catalog catalog, Optional<EmbeddedProbe> probe) {
        this.catalog = catalog;
        this.probe = probe;
    }

    /** Runs the published journey {@code name} now, blocking until it is done (at most its timeout). */
    public Answer run(String name) {
        List<PublishedJourney> published = catalog.published();
        Optional<PublishedJourney> row = published.stream().filter(r -> r.name().equals(name)).findFirst();
        if (row.isEmpty()) {
            return new Answer.Unknown(published.stream().map(PublishedJourney::name).toList());
        }
        Optional<Journey> journey = catalog.parsed(row.get());
        if (journey.isEmpty()) {
            return new Answer.Unparsable();
        }
        if (probe.isEmpty()) {
            return new Answer.NoProbe();
        }
        boolean fileInvalid = catalog.errors().stream().map(JourneyError::path).anyMatch(row.get().sourcePath()::equals);
        return probe.get().runNow(journey.get())
                .<Answer>map(result -> new Answer.Ran(result, fileInvalid))
                .orElseGet(() -> new Answer.Saturated(probe.get().saturation()));
    }
}

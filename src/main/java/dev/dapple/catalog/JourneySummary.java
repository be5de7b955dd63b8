package dev.dapple.catalog;

import dev.dapple.journey.DurationParser;
import dev.dapple.journey.Journey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What the journey list shows of a definition. Durations in the files' notation; {@code locations} empty means every
 * location. Nothing here is resolved: no variable, environment or secret value.
 */
@Serdeable
public record JourneySummary(String description, String owner, String severity, @Nullable URI runbook,
                             List<String> tags, String interval, String timeout, List<String> locations,
                             List<StepSummary> steps, @Nullable SloView slo) {

    @Serdeable
    public record StepSummary(String name, String method) {
    }

    static JourneySummary of(Journey journey) {
        return new JourneySummary(journey.description(), journey.owner(),
                journey.severity().name().toLowerCase(Locale.ROOT), journey.runbook().orElse(null), journey.tags(),
                DurationParser.format(journey.interval()), DurationParser.format(journey.timeout()), journey.locations(),
                journey.steps().stream().map(s -> new StepSummary(s.name(), s.method().name())).toList(),
                journey.slo().map(SloView::of).orElse(null));
    }
}

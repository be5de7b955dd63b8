package dev.dapple.catalog;

import dev.dapple.journey.Assertion;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.ExtractSource;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journey's steps and alert policy for {@code GET /api/journeys/{name}}: URLs as templates, assertions and
 * extracts as written. Headers, query parameters, bodies and variables are left out: a file may hold a credential
 * written inline there, and reads may be open ({@code dapple.auth.read=open}).
 */
@Serdeable
public record JourneyDefinition(List<StepView> steps, AlertView alert) {

    @Serdeable
    public record StepView(String name, String method, String url, List<String> expect, Map<String, String> extract,
                           boolean critical, boolean always, String timeout, int retries, boolean followRedirects) {

        static StepView of(Step step) {
            var extract = new LinkedHashMap<String, String>();
            step.extract().forEach((name, source) -> extract.put(name, written(source)));
            return new StepView(step.name(), step.method().name(), step.url().source(),
                    step.expect().stream().map(Assertion::source).toList(), extract, step.critical(), step.always(),
                    DurationParser.format(step.timeout()), step.retries(), step.followRedirects());
        }
    }

    @Serdeable
    public record AlertView(int after, int locations, List<String> channels, List<String> ticketChannels) {
    }

    static JourneyDefinition of(Journey journey) {
        var alert = journey.alert();
        return new JourneyDefinition(journey.steps().stream().map(StepView::of).toList(),
                new AlertView(alert.after(), alert.locations(), alert.channels(), alert.ticketChannels()));
    }

    /** An extract source the way the file writes it (see {@code ExtractParser}). */
    private static String written(ExtractSource source) {
        return switch (source) {
            case ExtractSource.FromJson json -> json.expression();
            case ExtractSource.FromHeader(String name) -> "header." + name;
            case ExtractSource.FromStatus() -> "status";
            case ExtractSource.FromRegex(var pattern) -> "regex \"" + pattern.pattern().replace("\"", "\\\"") + "\"";
        };
    }
}

package dev.dapple.probe;

import dev.dapple.journey.Body;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JsonTemplate;
import dev.dapple.journey.Step;
import dev.dapple.journey.Template;
import dev.dapple.journey.TemplatePart;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves every {@code env.*} and {@code secret.*} a journey uses when its run starts, so a missing one makes the
 * run ERROR (kind config) before any request is sent, rather than failing halfway.
 */
final class ExternalValues {

    private ExternalValues() {
    }

    /** @param overridden journey variables replaced for this run, whose own templates are not used */
    static void require(Journey journey, java.util.Set<String> overridden, RunValues values) {
        templates(journey, overridden)
                .flatMap(template -> template.parts().stream())
                .filter(part -> part instanceof TemplatePart.EnvRef || part instanceof TemplatePart.SecretRef)
                .distinct()
                .forEach(part -> values.render(new Template("", List.of(part))));
    }

    private static Stream<Template> templates(Journey journey, java.util.Set<String> overridden) {
        Stream<Template> variables = journey.variables().entrySet().stream()
                .filter(variable -> !overridden.contains(variable.getKey()))
                .map(java.util.Map.Entry::getValue);
        return Stream.concat(variables, journey.steps().stream().flatMap(ExternalValues::templates));
    }

    private static Stream<Template> templates(Step step) {
        Stream<Template> body = switch (step.body()) {
            case Body.NoBody() -> Stream.empty();
            case Body.JsonBody(JsonTemplate json) -> templates(json);
            case Body.FormBody form -> form.fields().values().stream();
            case Body.TextBody(Template text) -> Stream.of(text);
        };
        return Stream.of(Stream.of(step.url()), step.headers().values().stream(), step.query().values().stream(), body)
                .flatMap(s -> s);
    }

    private static Stream<Template> templates(JsonTemplate json) {
        return switch (json) {
            case JsonTemplate.JsonObject object -> object.members().values().stream().flatMap(ExternalValues::templates);
            case JsonTemplate.JsonArray array -> array.items().stream().flatMap(ExternalValues::templates);
            case JsonTemplate.JsonString(Template value) -> Stream.of(value);
            default -> Stream.empty();
        };
    }
}

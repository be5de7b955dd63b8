package dev.dapple.probe;

import dev.dapple.journey.ExtractSource;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;

/** Takes a value out of a response for later steps; a value that is not there fails the step with a reason. */
final class Extractor {

    private Extractor() {
    }

    static String extract(ExtractSource source, StepResponse response) {
        return switch (source) {
            case ExtractSource.FromStatus() -> Integer.toString(response.status());
            case ExtractSource.FromHeader(String name) -> response.header(name)
                    .orElseThrow(() -> new ExtractionException("the response has no " + name + " header"));
            case ExtractSource.FromJson(String expression, var path) -> {
                Object value = response.read(path);
                if (value == StepResponse.ABSENT) {
                    String why = response.jsonError();
                    throw new ExtractionException(why != null ? why : "nothing at " + expression + " in the response");
                }
                yield value instanceof Collection<?> || value instanceof Map<?, ?>
                        ? com.jayway.jsonpath.Configuration.defaultConfiguration().jsonProvider().toJson(value)
                        : String.valueOf(value);
            }
            case ExtractSource.FromRegex(var pattern) -> {
                Matcher matcher = pattern.matcher(response.text());
                if (!matcher.find()) {
                    throw new ExtractionException("regex \"" + pattern.pattern() + "\" does not match the body");
                }
                if (matcher.group(1) == null) {
                    throw new ExtractionException("regex \"" + pattern.pattern() + "\" matched, but its first group did not");
                }
                yield matcher.group(1);
            }
        };
    }

    static final class ExtractionException extends RuntimeException {
        ExtractionException(String message) {
            super(message);
        }
    }
}

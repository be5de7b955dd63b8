package dev.dapple.journey;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;

/** Compiles JSONPath expressions once, at load time, turning Jayway's exceptions into positioned errors. */
final class JsonPaths {

    private JsonPaths() {
    }

    static TextParse<JsonPath> compile(String expression) {
        try {
            return TextParse.ok(JsonPath.compile(expression));
        } catch (InvalidPathException e) {
            if (e.getCause() != null) {
                // Jayway wraps its own index errors on some malformed paths: their text would only confuse.
                return TextParse.fail(0, "invalid JSONPath '" + expression + "': it cannot be parsed");
            }
            return TextParse.fail(0, "invalid JSONPath '" + expression + "': " + e.getMessage().strip());
        } catch (RuntimeException e) {
            // Jayway fails on some malformed paths with index errors instead of InvalidPathException.
            return TextParse.fail(0, "invalid JSONPath '" + expression + "': it cannot be parsed");
        }
    }
}

package dev.dapple.journey;

/** What an assertion looks at in a step's response. */
public sealed interface Subject {

    /** The HTTP status code. */
    record Status() implements Subject {
    }

    /** The step's duration, compared against durations. */
    record Elapsed() implements Subject {
    }

    /** The response body as text. */
    record Body() implements Subject {
    }

    /** The response body's size in bytes. */
    record Size() implements Subject {
    }

    /** Whole days until the server certificate expires. */
    record TlsDaysLeft() implements Subject {
    }

    /** A response header, by case-insensitive name; a header sent several times is compared by its first value. */
    record Header(String name) implements Subject {
    }

    /** A value selected from a JSON body; {@code path} was compiled at load time. */
    record Json(String expression, com.jayway.jsonpath.JsonPath path) implements Subject {
    }
}

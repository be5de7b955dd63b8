package dev.dapple.journey;

import java.util.regex.Pattern;

/** Where a step takes a value it extracts for later steps. */
public sealed interface ExtractSource {

    record FromJson(String expression, com.jayway.jsonpath.JsonPath path) implements ExtractSource {
    }

    record FromHeader(String name) implements ExtractSource {
    }

    record FromStatus() implements ExtractSource {
    }

    /** The first group of the first match in the body text. */
    record FromRegex(Pattern pattern) implements ExtractSource {
    }
}

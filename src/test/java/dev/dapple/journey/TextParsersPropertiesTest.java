package dev.dapple.journey;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text they get, the small parsers answer with a value or a positioned error, and never throw. */
class TextParsersPropertiesTest {

    @Property(tries = 1000)
    void assertionsParseOrFailAtAnOffset(@ForAll("assertionLike") String text) {
        check(text, AssertionParser.parse(text));
    }

    @Property(tries = 1000)
    void templatesParseOrFailAtAnOffset(@ForAll("templateLike") String text) {
        check(text, TemplateParser.parse(text));
    }

    @Property(tries = 1000)
    void extractSourcesAndDurationsParseOrFailAtAnOffset(@ForAll("assertionLike") String text) {
        check(text, ExtractParser.parse(text));
        check(text, DurationParser.parse(text));
    }

    private static void check(String text, TextParse<?> result) {
        if (result instanceof TextParse.Failure<?>(int offset, String message)) {
            assertTrue(offset >= 0 && offset <= text.length(), "offset " + offset + " within '" + text + "'");
            assertTrue(!message.isBlank(), "a message for '" + text + "'");
        }
    }

    /** Random text biased towards the grammar's own pieces, so the parser gets deep, not only rejected early. */
    @Provide
    Arbitrary<String> assertionLike() {
        Arbitrary<String> pieces = Arbitraries.of("status", "duration", "body", "size", "tls.days_left", "header.X-A",
                "$.a", "$['b']", "$.items[0]", "$.x.length()", "$[?(@.p > 1)]", "==", "!=", "<", "<=", ">", ">=",
                "contains", "!contains", "matches", "exists", "!exists", "in", "=~", " ", "  ", "200", "-1", "2.5",
                "800ms", "0s", "\"", "'", "\"x\"", "\"([\"", "\\\"", "[", "]", ",", "[200, 201]", "true", "null",
                "regex", "\"(a)\"", "\t", "$", "é", "\u0000");
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(8).map(list -> String.join("", list)),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> templateLike() {
        Arbitrary<String> pieces = Arbitraries.of("${", "}", "$${", "$", "{", "a", "env.", "secret.", "X_1", "uuid",
                "now", "random(", ")", "1", ",", "-5", "99999999999999999999", " ", ".", "/path?q=", "é");
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(10).map(list -> String.join("", list)),
                Arbitraries.strings().ofMaxLength(40));
    }
}

package dev.dapple.journey;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses an {@code extract} source: {@code $.json.path}, {@code header.NAME}, {@code status} or {@code regex "P"}. */
public final class ExtractParser {

    private static final String EXPECTED = "expected a JSONPath like $.token, header.NAME, status or regex \"PATTERN\"";

    private ExtractParser() {
    }

    public static TextParse<ExtractSource> parse(String source) {
        String text = source.strip();
        if (text.startsWith("$")) {
            return JsonPaths.compile(text).map(path -> new ExtractSource.FromJson(text, path));
        }
        if (text.equals("status")) {
            return TextParse.ok(new ExtractSource.FromStatus());
        }
        if (text.startsWith("header.")) {
            String name = text.substring("header.".length());
            if (!AssertionParser.HEADER_NAME.matcher(name).matches()) {
                return TextParse.fail(0, "invalid header name in '" + text + "' (expected header.NAME, e.g. header.Location)");
            }
            return TextParse.ok(new ExtractSource.FromHeader(name));
        }
        if (text.startsWith("regex")) {
            return regex(text);
        }
        return TextParse.fail(0, "unknown extract source '" + text + "' (" + EXPECTED + ")");
    }

    private static TextParse<ExtractSource> regex(String text) {
        String rest = text.substring("regex".length()).strip();
        if (rest.length() < 2 || rest.charAt(0) != '"' || rest.charAt(rest.length() - 1) != '"') {
            return TextParse.fail(0, "regex takes one quoted pattern, e.g. regex \"id=(\\d+)\"");
        }
        String regex = rest.substring(1, rest.length() - 1).replace("\\\"", "\"");
        try {
            Pattern pattern = Pattern.compile(regex);
            if (pattern.matcher("").groupCount() < 1) {
                return TextParse.fail(0, "regex \"" + regex + "\" has no group: put the part to extract in ( )");
            }
            return TextParse.ok(new ExtractSource.FromRegex(pattern));
        } catch (PatternSyntaxException e) {
            return TextParse.fail(0, "invalid regex \"" + regex + "\": " + e.getDescription());
        }
    }
}

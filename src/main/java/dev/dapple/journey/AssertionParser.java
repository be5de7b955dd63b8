package dev.dapple.journey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses one {@code expect} line, {@code SUBJECT OP VALUE}, into a typed {@link Assertion}, or an error at an
 * offset into the line. Quoted strings use {@code "} or {@code '}; inside them only the quote itself is escaped
 * ({@code \"}), every other backslash is kept, so regexes read as usual.
 */
public final class AssertionParser {

    static final List<String> SUBJECTS = List.of("status", "duration", "body", "size", "tls.days_left");
    private static final String SUBJECTS_TEXT = "status, duration, body, size, tls.days_left, header.NAME or a JSONPath starting with $";
    static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d)");

    private enum Kind { NUMBER, DURATION, TEXT, JSON }

    /** Control flow inside this parser only; {@link #parse} turns it into a {@link TextParse.Failure}. */
    private static final class Fail extends RuntimeException {
        final int offset;

        Fail(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private final String s;
    private int pos;

    private AssertionParser(String s) {
        this.s = s;
    }

    public static TextParse<Assertion> parse(String source) {
        try {
            return TextParse.ok(new AssertionParser(source).assertion());
        } catch (Fail f) {
            return TextParse.fail(f.offset, f.getMessage());
        }
    }

    private Assertion assertion() {
        skipSpace();
        if (atEnd()) {
            throw new Fail(0, "empty assertion (expected SUBJECT OPERATOR VALUE, e.g. status == 200)");
        }
        int subjectStart = pos;
        String subjectText = readSubject();
        if (subjectText.isEmpty()) {
            throw new Fail(subjectStart, "missing subject in '" + s + "' (expected " + SUBJECTS_TEXT + ")");
        }
        Subject subject = subject(subjectText, subjectStart);
        skipSpace();
        if (atEnd()) {
            throw new Fail(pos, "missing operator after '" + subjectText + "' (expected one of " + Operator.ALL + ")");
        }
        int opStart = pos;
        String opText = readOperator();
        Operator op = Operator.bySymbol(opText).orElseThrow(() -> new Fail(opStart, "unknown operator '" + opText
                + "' in '" + s + "' (expected one of " + Operator.ALL + ")"
                + Suggestions.didYouMean(opText, List.of("==", "!=", "<=", ">=", "contains", "!contains", "matches", "exists", "!exists", "in"))));
        skipSpace();
        if (!op.takesValue()) {
            if (!atEnd()) {
                throw new Fail(pos, "'" + op.symbol() + "' takes no value, found '" + s.substring(pos).strip() + "'");
            }
            if (!(subject instanceof Subject.Json || subject instanceof Subject.Header)) {
                throw new Fail(opStart, "'" + op.symbol() + "' applies to a JSONPath or a header, not '" + subjectText + "'");
            }
            return new Assertion(s.strip(), subject, op, new Expected.None());
        }
        if (atEnd()) {
            throw new Fail(pos, "missing value after '" + op.symbol() + "' in '" + s + "'");
        }
        int valueStart = pos;
        Expected value = value(true);
        skipSpace();
        if (!atEnd()) {
            throw new Fail(pos, "unexpected '" + s.substring(pos).strip() + "' after the value in '" + s + "'");
        }
        return new Assertion(s.strip(), subject, op, check(subject, subjectText, op, opStart, value, valueStart));
    }

    private String readSubject() {
        int start = pos;
        if (s.charAt(pos) == '$') {
            int depth = 0;
            while (!atEnd()) {
                char c = s.charAt(pos);
                if (depth > 0 && (c == '\'' || c == '"')) {
                    int close = s.indexOf(c, pos + 1);
                    pos = close < 0 ? s.length() : close + 1;
                    continue;
                }
                if (c == '[' || c == '(') {
                    depth++;
                } else if ((c == ']' || c == ')') && depth > 0) {
                    depth--;
                } else if (depth == 0 && (Character.isWhitespace(c) || "=!<>".indexOf(c) >= 0)) {
                    break;
                }
                pos++;
            }
        } else {
            while (!atEnd() && !Character.isWhitespace(s.charAt(pos)) && "=!<>\"'[".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
        }
        return s.substring(start, pos);
    }

    private Subject subject(String text, int offset) {
        if (text.startsWith("$")) {
            return switch (JsonPaths.compile(text)) {
                case TextParse.Ok<com.jayway.jsonpath.JsonPath>(var path) -> new Subject.Json(text, path);
                case TextParse.Failure<com.jayway.jsonpath.JsonPath>(int ignored, String message) -> throw new Fail(offset, message);
            };
        }
        if (text.startsWith("header.")) {
            String name = text.substring("header.".length());
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new Fail(offset, "invalid header name in '" + text + "' (expected header.NAME, e.g. header.Content-Type)");
            }
            return new Subject.Header(name);
        }
        return switch (text) {
            case "status" -> new Subject.Status();
            case "duration" -> new Subject.Elapsed();
            case "body" -> new Subject.Body();
            case "size" -> new Subject.Size();
            case "tls.days_left" -> new Subject.TlsDaysLeft();
            default -> throw new Fail(offset, "unknown subject '" + text + "' (expected " + SUBJECTS_TEXT + ")"
                    + Suggestions.didYouMean(text, SUBJECTS));
        };
    }

    private String readOperator() {
        int start = pos;
        char c = s.charAt(pos);
        if ("=!<>~".indexOf(c) >= 0) {
            while (!atEnd() && "=!<>~".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (s.substring(start, pos).equals("!")) {
                while (!atEnd() && Character.isLetter(s.charAt(pos))) {
                    pos++;
                }
            }
        } else if (Character.isLetter(c)) {
            while (!atEnd() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
        } else {
            while (!atEnd() && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
        return s.substring(start, pos);
    }

    private Expected value(boolean listAllowed) {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '"' || c == '\'') {
            return new Expected.Text(readQuoted());
        }
        if (c == '[') {
            if (!listAllowed) {
                throw new Fail(start, "lists cannot be nested");
            }
            return list();
        }
        while (!atEnd() && !Character.isWhitespace(s.charAt(pos)) && ",]".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        String word = s.substring(start, pos);
        if (word.isEmpty()) {
            throw new Fail(start, "expected a value, found '" + s.charAt(pos) + "'");
        }
        switch (word) {
            case "true", "false" -> {
                return new Expected.Bool(Boolean.parseBoolean(word));
            }
            case "null" -> {
                return new Expected.Null();
            }
            default -> {
            }
        }
        if (NUMBER.matcher(word).matches()) {
            return new Expected.Numeric(new BigDecimal(word));
        }
        if (DURATION.matcher(word).matches()) {
            return switch (DurationParser.parse(word)) {
                case TextParse.Ok<java.time.Duration>(var d) -> new Expected.DurationValue(d);
                case TextParse.Failure<java.time.Duration>(int ignored, String message) -> throw new Fail(start, message);
            };
        }
        throw new Fail(start, "'" + word + "' is not a value (expected a number, a duration like 800ms, a quoted string,"
                + " a [list], true, false or null; quote text: \"" + word + "\")");
    }

    private String readQuoted() {
        int start = pos;
        char quote = s.charAt(pos++);
        var text = new StringBuilder();
        while (!atEnd()) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == quote) {
                text.append(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return text.toString();
            } else {
                text.append(c);
                pos++;
            }
        }
        throw new Fail(start, "unterminated string: add the closing " + quote);
    }

    private Expected list() {
        int start = pos++;
        var items = new ArrayList<Expected>();
        while (true) {
            skipSpace();
            if (atEnd()) {
                throw new Fail(start, "unclosed '[': add the closing ']'");
            }
            if (s.charAt(pos) == ']' && items.isEmpty()) {
                throw new Fail(start, "empty list");
            }
            items.add(value(false));
            skipSpace();
            if (atEnd()) {
                throw new Fail(start, "unclosed '[': add the closing ']'");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return new Expected.Values(items);
            }
            if (c != ',') {
                throw new Fail(pos - 1, "expected ',' or ']' in the list, found '" + c + "'");
            }
        }
    }

    private Expected check(Subject subject, String name, Operator op, int opStart, Expected value, int valueStart) {
        Kind kind = kind(subject);
        String opName = "'" + op.symbol() + "'";
        if (value instanceof Expected.Values && op != Operator.IN) {
            throw new Fail(valueStart, "a [list] goes with 'in', not " + opName);
        }
        switch (op) {
            case MATCHES -> {
                if (kind == Kind.NUMBER || kind == Kind.DURATION) {
                    throw new Fail(opStart, "'matches' applies to text (body, header.NAME or a JSONPath), not '" + name + "'");
                }
                if (!(value instanceof Expected.Text(String regex))) {
                    throw new Fail(valueStart, "'matches' takes a quoted regex, e.g. matches \"^ok\"");
                }
                try {
                    return new Expected.Regex(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw new Fail(valueStart, "invalid regex \"" + regex + "\": " + e.getDescription());
                }
            }
            case IN -> {
                if (!(value instanceof Expected.Values(List<Expected> values))) {
                    throw new Fail(valueStart, "'in' takes a [list], e.g. status in [200, 201]");
                }
                values.forEach(v -> element(kind, name, v, valueStart));
                return value;
            }
            case CONTAINS, NOT_CONTAINS -> {
                if (kind == Kind.NUMBER || kind == Kind.DURATION) {
                    throw new Fail(opStart, opName + " applies to text or a JSON value, not '" + name + "'");
                }
                return element(kind, name, value, valueStart);
            }
            case LT, LE, GT, GE -> {
                if (kind == Kind.TEXT) {
                    throw new Fail(opStart, opName + " compares numbers or durations; '" + name + "' is text");
                }
                if (!(value instanceof Expected.Numeric || value instanceof Expected.DurationValue)) {
                    throw new Fail(valueStart, opName + " takes a number or a duration, not " + describe(value));
                }
                return element(kind, name, value, valueStart);
            }
            default -> {
                return element(kind, name, value, valueStart);
            }
        }
    }

    /** Whether a single value fits what the subject yields. */
    private static Expected element(Kind kind, String name, Expected value, int offset) {
        boolean fits = switch (kind) {
            case NUMBER -> value instanceof Expected.Numeric;
            case DURATION -> value instanceof Expected.DurationValue;
            case TEXT -> value instanceof Expected.Text;
            case JSON -> !(value instanceof Expected.DurationValue);
        };
        if (fits) {
            return value;
        }
        String wanted = switch (kind) {
            case NUMBER -> "numbers";
            case DURATION -> "durations like 800ms";
            case TEXT -> "quoted text";
            case JSON -> "numbers, quoted strings, true, false or null";
        };
        throw new Fail(offset, "'" + name + "' is compared with " + wanted + ", not " + describe(value));
    }

    private static Kind kind(Subject subject) {
        return switch (subject) {
            case Subject.Status s -> Kind.NUMBER;
            case Subject.Size s -> Kind.NUMBER;
            case Subject.TlsDaysLeft s -> Kind.NUMBER;
            case Subject.Elapsed s -> Kind.DURATION;
            case Subject.Body s -> Kind.TEXT;
            case Subject.Header s -> Kind.TEXT;
            case Subject.Json s -> Kind.JSON;
        };
    }

    private static String describe(Expected value) {
        return switch (value) {
            case Expected.Numeric n -> "a number";
            case Expected.DurationValue d -> "a duration";
            case Expected.Text t -> "a string";
            case Expected.Bool b -> "a boolean";
            case Expected.Null n -> "null";
            case Expected.Values v -> "a list";
            case Expected.Regex r -> "a regex";
            case Expected.None n -> "nothing";
        };
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }
}

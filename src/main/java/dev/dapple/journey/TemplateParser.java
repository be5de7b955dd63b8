package dev.dapple.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ${...}} interpolation. {@code $${} writes a literal {@code ${}; a {@code $} not followed by
 * {@code {} is literal. Inside the braces: a name, {@code env.NAME}, {@code secret.NAME}, {@code uuid}, {@code now}
 * or {@code random(a,b)}. Whether a name is defined is the journey parser's business, not this one's.
 */
public final class TemplateParser {

    /** A part and the offset of its {@code ${} in the source, so unknown names can be pointed at. */
    public record Located(TemplatePart part, int offset) {
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern RANDOM = Pattern.compile("random\\(\\s*(-?\\d{1,18})\\s*,\\s*(-?\\d{1,18})\\s*\\)");
    static final String EXPECTED = "expected a variable name, env.NAME, secret.NAME, uuid, now or random(a,b)";

    private TemplateParser() {
    }

    public static TextParse<Template> parse(String source) {
        return parseLocated(source).map(parts -> new Template(source, parts.stream().map(Located::part).toList()));
    }

    public static TextParse<List<Located>> parseLocated(String source) {
        var parts = new ArrayList<Located>();
        var literal = new StringBuilder();
        int literalStart = 0;
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (source.startsWith("${", i)) {
                int close = source.indexOf('}', i + 2);
                if (close < 0) {
                    return TextParse.fail(i, "unclosed '${' (end it with '}', or write '$${' for a literal '${')");
                }
                TextParse<TemplatePart> part = placeholder(source.substring(i + 2, close), i);
                if (part instanceof TextParse.Failure<TemplatePart>(int offset, String message)) {
                    return TextParse.fail(offset, message);
                }
                if (!literal.isEmpty()) {
                    parts.add(new Located(new TemplatePart.Literal(literal.toString()), literalStart));
                    literal.setLength(0);
                }
                parts.add(new Located(((TextParse.Ok<TemplatePart>) part).value(), i));
                i = close + 1;
                literalStart = i;
            } else {
                literal.append(source.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Located(new TemplatePart.Literal(literal.toString()), literalStart));
        }
        return TextParse.ok(List.copyOf(parts));
    }

    private static TextParse<TemplatePart> placeholder(String expression, int offset) {
        String shown = "'${" + expression + "}'";
        if (expression.isEmpty()) {
            return TextParse.fail(offset, "empty '${}' (" + EXPECTED + ")");
        }
        if (expression.equals("uuid")) {
            return TextParse.ok(new TemplatePart.Uuid());
        }
        if (expression.equals("now")) {
            return TextParse.ok(new TemplatePart.Now());
        }
        if (expression.startsWith("random")) {
            return random(expression, shown, offset);
        }
        for (String prefix : List.of("env.", "secret.")) {
            if (expression.startsWith(prefix)) {
                String name = expression.substring(prefix.length());
                if (!NAME.matcher(name).matches()) {
                    return TextParse.fail(offset, "invalid " + prefix.substring(0, prefix.length() - 1)
                            + " name in " + shown + " (letters, digits and '_', not starting with a digit)");
                }
                return TextParse.ok(prefix.equals("env.") ? new TemplatePart.EnvRef(name) : new TemplatePart.SecretRef(name));
            }
        }
        if (!NAME.matcher(expression).matches()) {
            return TextParse.fail(offset, "invalid placeholder " + shown + " (" + EXPECTED + ")");
        }
        return TextParse.ok(new TemplatePart.VariableRef(expression));
    }

    private static TextParse<TemplatePart> random(String expression, String shown, int offset) {
        Matcher m = RANDOM.matcher(expression);
        if (!m.matches()) {
            return TextParse.fail(offset, "invalid " + shown + ": random takes two integers, e.g. ${random(1,100)}");
        }
        long min = Long.parseLong(m.group(1));
        long max = Long.parseLong(m.group(2));
        if (min > max) {
            return TextParse.fail(offset, "invalid " + shown + ": the first bound must not exceed the second");
        }
        return TextParse.ok(new TemplatePart.Random(min, max));
    }
}

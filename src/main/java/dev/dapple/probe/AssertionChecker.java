package dev.dapple.probe;

import dev.dapple.journey.Assertion;
import dev.dapple.journey.Expected;
import dev.dapple.journey.Operator;
import dev.dapple.journey.Subject;
import dev.dapple.result.StepResult.AssertionFailure;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks one parsed assertion against a response; a failure says what was expected and what was found. */
final class AssertionChecker {

    private static final int MAX_ACTUAL = 200;

    private AssertionChecker() {
    }

    static Optional<AssertionFailure> check(Assertion assertion, StepResponse response) {
        Object actual = subject(assertion.subject(), response);
        if (holds(assertion.operator(), actual, assertion.expected())) {
            return Optional.empty();
        }
        String found = actual == StepResponse.ABSENT ? absentReason(assertion.subject(), response) : show(actual);
        return Optional.of(new AssertionFailure(assertion.source(), expectation(assertion), found));
    }

    private static Object subject(Subject subject, StepResponse response) {
        return switch (subject) {
            case Subject.Status() -> BigDecimal.valueOf(response.status());
            case Subject.Elapsed() -> response.duration();
            case Subject.Body() -> response.text();
            case Subject.Size() -> BigDecimal.valueOf(response.size());
            case Subject.TlsDaysLeft() -> response.tlsDaysLeft().<Object>map(BigDecimal::valueOf).orElse(StepResponse.ABSENT);
            case Subject.Header(String name) -> response.header(name).<Object>map(v -> v).orElse(StepResponse.ABSENT);
            case Subject.Json(String expression, com.jayway.jsonpath.JsonPath path) -> response.read(path);
        };
    }

    static boolean holds(Operator operator, Object actual, Expected expected) {
        boolean present = actual != StepResponse.ABSENT;
        return switch (operator) {
            case EXISTS -> present;
            case NOT_EXISTS -> !present;
            case EQ -> present && equal(actual, expected);
            case NE -> present && !equal(actual, expected);
            case LT, LE, GT, GE -> present && ordered(operator, actual, expected);
            case CONTAINS -> present && contains(actual, expected);
            case NOT_CONTAINS -> present && !contains(actual, expected);
            case MATCHES -> present && expected instanceof Expected.Regex(var pattern)
                    && pattern.matcher(text(actual)).find();
            case IN -> present && expected instanceof Expected.Values(var values)
                    && values.stream().anyMatch(value -> equal(actual, value));
        };
    }

    private static boolean equal(Object actual, Expected expected) {
        return switch (expected) {
            case Expected.Numeric(BigDecimal value) -> number(actual).map(n -> n.compareTo(value) == 0).orElse(false);
            case Expected.DurationValue(var value) -> actual instanceof java.time.Duration d && d.equals(value);
            case Expected.Text(String value) -> actual != null && text(actual).equals(value);
            case Expected.Bool(boolean value) -> actual instanceof Boolean b ? b == value
                    : actual instanceof String s && s.equals(Boolean.toString(value));
            case Expected.Null() -> actual == null;
            case Expected.Values(var values) -> false;
            case Expected.Regex(var pattern) -> actual != null && pattern.matcher(text(actual)).matches();
            case Expected.None() -> false;
        };
    }

    private static boolean ordered(Operator operator, Object actual, Expected expected) {
        int comparison;
        if (actual instanceof java.time.Duration d && expected instanceof Expected.DurationValue(var limit)) {
            comparison = d.compareTo(limit);
        } else if (expected instanceof Expected.Numeric(BigDecimal limit) && number(actual).isPresent()) {
            comparison = number(actual).get().compareTo(limit);
        } else {
            return false;
        }
        return switch (operator) {
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    private static boolean contains(Object actual, Expected expected) {
        if (actual instanceof Collection<?> items) {
            return items.stream().anyMatch(item -> equal(item, expected));
        }
        if (actual instanceof Map<?, ?> map && expected instanceof Expected.Text(String key)) {
            return map.containsKey(key);
        }
        return actual != null && expected instanceof Expected.Text(String part) && text(actual).contains(part)
                || actual != null && expected instanceof Expected.Numeric(BigDecimal n) && text(actual).contains(n.toPlainString());
    }

    private static Optional<BigDecimal> number(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        if (value instanceof String s) {
            try {
                return Optional.of(new BigDecimal(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        if (value instanceof java.time.Duration d) {
            return d.toMillis() + "ms";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    private static String expectation(Assertion assertion) {
        String source = assertion.source();
        int at = source.indexOf(assertion.operator().symbol(), subjectLength(assertion));
        return at < 0 ? assertion.operator().symbol() : source.substring(at).strip();
    }

    /**
     * The operator is searched after the subject so paths containing symbols or spaces (filters like
     * {@code $[?(@.a == 1)]}) do not confuse it.
     */
    private static int subjectLength(Assertion assertion) {
        String source = assertion.source();
        if (assertion.subject() instanceof Subject.Json(String expression, var path)) {
            int at = source.indexOf(expression);
            if (at >= 0) {
                return at + expression.length();
            }
        }
        int space = source.indexOf(' ');
        return space < 0 ? 0 : space;
    }

    private static String absentReason(Subject subject, StepResponse response) {
        return switch (subject) {
            case Subject.Json json -> response.jsonError() != null ? response.jsonError() : "nothing at " + json.expression();
            case Subject.Header(String name) -> "no " + name + " header";
            case Subject.TlsDaysLeft() -> "no TLS certificate (plain HTTP)";
            default -> "nothing";
        };
    }

    static String show(Object value) {
        String shown;
        if (value instanceof String s) {
            shown = '"' + s + '"';
        } else if (value instanceof Collection<?> items) {
            shown = items.stream().map(AssertionChecker::show).collect(Collectors.joining(", ", "[", "]"));
        } else {
            shown = text(value);
        }
        return shown.length() > MAX_ACTUAL ? shown.substring(0, MAX_ACTUAL) + "…" : shown;
    }
}

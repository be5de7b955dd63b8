package dev.dapple.alert;

import dev.dapple.incident.StateChange;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The wording every channel shares, so PagerDuty, Slack and the others say the same thing about one alert in the
 * same words: the title, the budget, the duration, the links.
 */
final class AlertFacts {

    private AlertFacts() {
    }

    /** One line for a notification: what kind of message, then the summary; drills say so first. */
    static String title(Alert alert) {
        String prefix = switch (alert.kind()) {
            case TRIGGER -> "[" + alert.severity() + "] ";
            case RESOLVE -> "[RESOLVED] ";
            case REMINDER -> "[STILL FIRING] ";
            case NOTICE -> "[NOTICE] ";
            case TEST -> "[TEST] ";
        };
        return (alert.drill() ? "[DRILL] " : "") + prefix + alert.summary();
    }

    /** The journey's severity in lower case; a notice or a test is only information. */
    static String severity(Alert alert) {
        return informational(alert) ? "info" : alert.severity().name().toLowerCase(Locale.ROOT);
    }

    static boolean informational(Alert alert) {
        return alert.kind() == Alert.Kind.NOTICE || alert.kind() == Alert.Kind.TEST;
    }

    static String locations(Alert alert) {
        return String.join(", ", alert.locations());
    }

    static Optional<StateChange.FailingStep> firstFailure(Alert alert) {
        return alert.failingSteps().stream().findFirst();
    }

    /** e.g. {@code 42.0%}; negative when the budget is overspent. */
    static Optional<String> budgetLeft(Alert alert) {
        return Optional.ofNullable(alert.budgetRemaining())
                .map(share -> String.format(Locale.ROOT, "%.1f%%", share * 100));
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** How long it was broken: {@link #duration(Duration)} from its start to this message's event. */
    static String duration(Alert alert) {
        return duration(Duration.between(alert.startedAt(), alert.at()));
    }

    /** The one wording of a length in alerts, e.g. {@code 45 s}, {@code 12 min}, {@code 2 h 5 min}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** The facts an engineer reads, by label, in display order; absent ones are left out. */
    static Map<String, String> facts(Alert alert) {
        var facts = new LinkedHashMap<String, String>();
        put(facts, "Journey", alert.journey());
        put(facts, "Severity", severity(alert));
        put(facts, "Owner", alert.owner());
        put(facts, "Where", locations(alert));
        firstFailure(alert).ifPresent(step -> {
            facts.put("Failing step", step.step());
            facts.put("First error", step.firstError());
        });
        facts.put("Since", iso(alert.startedAt()));
        if (alert.kind() == Alert.Kind.RESOLVE) {
            facts.put("Recovered", iso(alert.at()) + " (after " + duration(alert) + ")");
        }
        budgetLeft(alert).ifPresent(budget -> facts.put("Budget left", budget));
        return facts;
    }

    /** The links to show as buttons, by label: runbook then dashboard. */
    static Map<String, String> links(Alert alert) {
        var links = new LinkedHashMap<String, String>();
        put(links, "Runbook", alert.runbook());
        put(links, "Dashboard", alert.dashboardUrl());
        return links;
    }

    /** At most {@code max} characters, with an ellipsis when cut (vendors reject longer fields). */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A JSON object in insertion order from name/value pairs; null values are left out. */
    static Map<String, Object> object(Object... namesAndValues) {
        var object = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return object;
    }

    static List<Map<String, Object>> failingSteps(Alert alert) {
        var steps = new ArrayList<Map<String, Object>>();
        alert.failingSteps().forEach(step -> steps.add(object("step", step.step(), "firstError", step.firstError())));
        return steps;
    }

    static String json(JsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an alert as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code base} (a configured URL, with or without a trailing slash) followed by {@code path}. */
    static URI under(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, value);
        }
    }
}

package dev.dapple.alert;

import dev.dapple.journey.DurationParser;
import dev.dapple.journey.TextParse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prometheus Alertmanager's API v2 (https://prometheus.io/docs/alerting/latest/clients/): {@code POST
 * /api/v2/alerts} with one alert. Alertmanager identifies an alert by its labels and expires one that is not
 * refreshed, so a firing alert says it ends 4 × {@code resend-every} from now (as Prometheus does) and the
 * dispatcher sends it again every {@code resend-every}; the resolve ends it at the recovery. Reminders are not sent:
 * Alertmanager repeats by its own {@code repeat_interval}.
 */
@Singleton
final class AlertmanagerChannel implements ChannelType {

    static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);
    /** Prometheus marks a firing alert valid for 4 resend intervals, so three lost sends do not resolve it. */
    static final int VALIDITY_IN_RESENDS = 4;
    private static final Pattern INCIDENT_KEY = Pattern.compile("[^/]+/incident-\\d+");

    private final JsonMapper json;

    AlertmanagerChannel(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public Set<String> requiredFields() {
        return Set.of("url");
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of("resend-every", "bearer-token");
    }

    @Override
    public List<String> problems(ChannelSettings channel) {
        var problems = new ArrayList<>(ChannelType.super.problems(channel));
        channel.field("resend-every").flatMap(AlertmanagerChannel::problem)
                .ifPresent(problem -> problems.add(channel.key("resend-every") + ": " + problem));
        return problems;
    }

    @Override
    public Optional<Duration> resendWhileFiring(ChannelSettings channel) {
        return Optional.of(resendEvery(channel));
    }

    @Override
    public Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now) {
        Alert alert = message.alert();
        if (alert.kind() == Alert.Kind.REMINDER) {
            return Optional.empty();
        }
        Instant endsAt = alert.kind() == Alert.Kind.RESOLVE
                ? alert.at()
                : now.plus(resendEvery(channel).multipliedBy(VALIDITY_IN_RESENDS));
        var body = List.of(AlertFacts.object(
                "labels", labels(alert),
                "annotations", annotations(alert),
                "startsAt", AlertFacts.iso(alert.startedAt()),
                "endsAt", AlertFacts.iso(endsAt),
                "generatorURL", alert.dashboardUrl()));
        Map<String, String> headers = channel.field("bearer-token")
                .map(token -> Map.of("Authorization", "Bearer " + token))
                .orElse(Map.of());
        URI alerts = AlertFacts.under(URI.create(channel.required("url")), "/api/v2/alerts");
        return Optional.of(HttpDelivery.postJson(alerts, headers, AlertFacts.json(json, body)));
    }

    /**
     * The labels identify the alert, so a resolve must carry its trigger's: only facts that do not change during an
     * incident. An empty label is no label to Alertmanager, so absent facts are left out.
     */
    private static Map<String, Object> labels(Alert alert) {
        return AlertFacts.object(
                "alertname", alertName(alert),
                "journey", alert.journey(),
                "severity", AlertFacts.severity(alert),
                "owner", alert.owner(),
                "dapple_key", alert.key(),
                "drill", alert.drill() ? "true" : null);
    }

    /** Incidents are keyed {@code <journey>/incident-<id>}; the other triggers and resolves are burn alerts. */
    static String alertName(Alert alert) {
        return switch (alert.kind()) {
            case NOTICE -> "DappleNotice";
            case TEST -> "DappleTest";
            case TRIGGER, RESOLVE, REMINDER ->
                    INCIDENT_KEY.matcher(alert.key()).matches() ? "DappleJourneyDown" : "DappleBurnRate";
        };
    }

    private static Map<String, Object> annotations(Alert alert) {
        var first = AlertFacts.firstFailure(alert);
        var annotations = AlertFacts.object(
                "summary", alert.summary(),
                "description", alert.description(),
                "runbook_url", alert.runbook(),
                "dashboard", alert.dashboardUrl(),
                "locations", alert.locations().isEmpty() ? null : AlertFacts.locations(alert),
                "failing_step", first.map(step -> step.step()).orElse(null),
                "first_error", first.map(step -> step.firstError()).orElse(null),
                "budget_left", AlertFacts.budgetLeft(alert).orElse(null));
        alert.details().forEach(annotations::putIfAbsent);
        return annotations;
    }

    static Duration resendEvery(ChannelSettings channel) {
        return channel.field("resend-every").map(AlertmanagerChannel::parse).orElse(DEFAULT_RESEND);
    }

    /** Why {@code text} is no resend interval, or empty when it is one. */
    private static Optional<String> problem(String text) {
        return switch (DurationParser.parse(text.strip())) {
            case TextParse.Failure<Duration> failure -> Optional.of(failure.message());
            case TextParse.Ok<Duration> ok -> ok.value().compareTo(Duration.ofSeconds(1)) < 0
                    ? Optional.of("'" + text + "' is shorter than 1s")
                    : Optional.empty();
        };
    }

    private static Duration parse(String text) {
        return switch (DurationParser.parse(text.strip())) {
            case TextParse.Ok<Duration> ok -> ok.value();
            case TextParse.Failure<Duration> failure -> throw new IllegalStateException(failure.message());
        };
    }
}

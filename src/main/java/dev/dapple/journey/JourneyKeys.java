package dev.dapple.journey;

import java.util.List;

/**
 * Every key the parser knows, per level. The JSON Schema test compares these with the schema's properties, so the
 * two cannot drift apart.
 */
public final class JourneyKeys {

    public static final List<String> JOURNEY = List.of("name", "description", "owner", "severity", "runbook", "tags",
            "interval", "timeout", "locations", "variables", "steps", "slo", "alert");
    public static final List<String> METHODS = java.util.Arrays.stream(HttpMethod.values()).map(HttpMethod::key).toList();
    public static final List<String> BODIES = List.of("json", "form", "text");
    public static final List<String> STEP = concat(List.of("name"), METHODS, List.of("headers", "query"), BODIES,
            List.of("expect", "extract", "critical", "always", "timeout", "follow_redirects", "tls", "retries"));
    public static final List<String> TLS = List.of("insecure", "ca");
    public static final List<String> SLO = List.of("availability", "degraded", "latency", "steps", "window", "calendar",
            "hours", "recovery", "budgeting", "min_runs");
    public static final List<String> LATENCY = List.of("below", "target");
    public static final List<String> ALERT = List.of("after", "locations", "recover_after", "channels", "ticket_channels",
            "remind");

    private JourneyKeys() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}

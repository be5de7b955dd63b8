package dev.dapple.maintenance;

import java.util.List;

/** Every key the maintenance file parser knows, per level; the schema test compares them with the JSON Schema. */
public final class MaintenanceKeys {

    public static final List<String> FILE = List.of("windows");
    public static final List<String> WINDOW = List.of("name", "kind", "reason", "journeys", "tags", "start", "end",
            "weekly", "zone");
    /** A window posted to the API may also say who added it. */
    public static final List<String> API_WINDOW = concat(WINDOW, List.of("created_by"));
    public static final List<String> WEEKLY = List.of("days", "start", "duration");

    private MaintenanceKeys() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

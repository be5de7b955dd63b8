package dev.dapple.maintenance;

import dev.dapple.journey.DurationParser;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.Suggestions;
import dev.dapple.journey.YamlNodes;
import dev.dapple.journey.YamlSource;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses {@code journeys/maintenance.yaml} (and a window posted to the API, JSON being YAML) with the journey
 * parser's safety rules and error style: every error as {@code path:line:column: key.path: message}.
 */
public final class MaintenanceFileParser {

    public sealed interface Result {
    }

    public record Valid(List<WindowDefinition> windows) implements Result {
        public Valid {
            windows = List.copyOf(windows);
        }
    }

    public record Invalid(List<JourneyError> errors) implements Result {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** A window posted to the API and who posted it (null when not said). */
    public record Posted(WindowDefinition window, String createdBy) {
    }

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 2000;
    /** The shortest window: shorter ones are typos, and weekly durations are stored in whole seconds. */
    static final Duration MIN_DURATION = Duration.ofMinutes(1);
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final Pattern TIME = Pattern.compile("\\d\\d:\\d\\d");
    private static final String LOCAL_EXAMPLE = "e.g. 2026-12-01T22:00, local time in 'zone'";

    private final YamlNodes nodes;

    private MaintenanceFileParser(String path) {
        this.nodes = new YamlNodes(path);
    }

    /** The file's windows, or every error in it; an empty file has no windows. */
    public static Result parse(String displayPath, byte[] bytes) {
        var parser = new MaintenanceFileParser(displayPath);
        var errors = new ArrayList<JourneyError>();
        Optional<Node> root = YamlSource.compose(displayPath, bytes, errors, null);
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        if (root.isEmpty()) {
            return new Valid(List.of());
        }
        List<WindowDefinition> windows = parser.file(root.get());
        return parser.nodes.errors().isEmpty() ? new Valid(windows) : new Invalid(parser.nodes.errors());
    }

    /** One window as JSON (or YAML) text, with an optional {@code created_by}; errors name the file "body". */
    public static Optional<Posted> parsePosted(byte[] body, List<JourneyError> errors) {
        var parser = new MaintenanceFileParser("body");
        Optional<Node> root = YamlSource.compose("body", body, errors, "the body is empty: expected a JSON object");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<Posted> posted = parser.nodes.fields(root.get(), "", MaintenanceKeys.API_WINDOW).flatMap(fields -> {
            String createdBy = parser.optionalText(fields, "created_by", "", MAX_NAME_LENGTH);
            return parser.window(root.get(), fields, "").map(w -> new Posted(w, createdBy));
        });
        errors.addAll(parser.nodes.errors());
        return errors.isEmpty() ? posted : Optional.empty();
    }

    private List<WindowDefinition> file(Node root) {
        var windows = new ArrayList<WindowDefinition>();
        Map<String, YamlNodes.Field> fields = nodes.fields(root, "", MaintenanceKeys.FILE).orElse(null);
        if (fields == null || !fields.containsKey("windows")) {
            if (fields != null) {
                nodes.error(root, "", "missing required key 'windows' (a list of windows)");
            }
            return windows;
        }
        List<Node> items = nodes.list(fields.get("windows").value(), "windows").orElse(List.of());
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String keyPath = YamlNodes.index("windows", i);
            Node item = items.get(i);
            int index = i;
            nodes.fields(item, keyPath, MaintenanceKeys.WINDOW).flatMap(f -> window(item, f, keyPath)).ifPresent(w -> {
                Integer first = names.putIfAbsent(w.name(), index);
                if (first != null) {
                    nodes.error(item, keyPath, "name: '" + w.name() + "' is already used by windows[" + first + "]");
                } else {
                    windows.add(w);
                }
            });
        }
        return windows;
    }

    private Optional<WindowDefinition> window(Node node, Map<String, YamlNodes.Field> fields, String keyPath) {
        int errorsBefore = nodes.errors().size();
        Optional<String> name = required(node, fields, "name", keyPath).flatMap(f -> text(f, keyPath, "name", MAX_NAME_LENGTH));
        WindowDefinition.Kind kind = read(fields, "kind", keyPath, this::kind).orElse(WindowDefinition.Kind.MAINTENANCE);
        String reason = optionalText(fields, "reason", keyPath, MAX_TEXT_LENGTH);
        List<String> journeys = read(fields, "journeys", keyPath, nodes::strings).orElse(List.of());
        List<String> tags = read(fields, "tags", keyPath, nodes::strings).orElse(List.of());
        Optional<ZoneId> zone = required(node, fields, "zone", keyPath).flatMap(f -> read(fields, "zone", keyPath, this::zone));
        Optional<Schedule> schedule = zone.flatMap(z -> schedule(node, fields, keyPath, z));
        if (zone.isEmpty()) {
            schedule(node, fields, keyPath, ZoneId.of("UTC")); // still report the schedule's own errors
        }
        if (nodes.errors().size() != errorsBefore || name.isEmpty() || schedule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WindowDefinition(name.get(), kind, reason, journeys, tags, schedule.get()));
    }

    private Optional<Schedule> schedule(Node node, Map<String, YamlNodes.Field> fields, String keyPath, ZoneId zone) {
        boolean once = fields.containsKey("start") || fields.containsKey("end");
        if (fields.containsKey("weekly")) {
            if (once) {
                nodes.error(fields.get("weekly").key(), keyPath, "give either start and end (once) or weekly, not both");
                read(fields, "weekly", keyPath, (n, p) -> weekly(n, p, zone)); // for its own errors
                return Optional.empty();
            }
            return read(fields, "weekly", keyPath, (n, p) -> weekly(n, p, zone));
        }
        if (!once) {
            nodes.error(node, keyPath, "missing schedule: give start and end (once) or weekly");
            return Optional.empty();
        }
        Optional<LocalDateTime> start = required(node, fields, "start", keyPath).flatMap(f -> read(fields, "start", keyPath, this::local));
        Optional<LocalDateTime> end = required(node, fields, "end", keyPath).flatMap(f -> read(fields, "end", keyPath, this::local));
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        Schedule.Once window;
        try {
            window = new Schedule.Once(start.get(), end.get(), zone);
        } catch (IllegalArgumentException e) {
            nodes.error(fields.get("end").value(), YamlNodes.child(keyPath, "end"), "the end (" + end.get()
                    + ") must be after the start (" + start.get() + ")");
            return Optional.empty();
        }
        Duration length = Duration.between(window.span().from(), window.span().to());
        if (length.compareTo(MIN_DURATION) < 0) {
            nodes.error(fields.get("end").value(), YamlNodes.child(keyPath, "end"), "the window must last at least 1m"
                    + " (from " + start.get() + " to " + end.get() + " is " + DurationParser.format(length) + ")");
            return Optional.empty();
        }
        return Optional.of(window);
    }

    private Optional<Schedule> weekly(Node node, String keyPath, ZoneId zone) {
        return nodes.fields(node, keyPath, MaintenanceKeys.WEEKLY).flatMap(fields -> {
            int errorsBefore = nodes.errors().size();
            for (String key : MaintenanceKeys.WEEKLY) {
                if (!fields.containsKey(key)) {
                    nodes.error(node, keyPath, "missing required key '" + key + "'");
                }
            }
            Optional<Set<DayOfWeek>> days = read(fields, "days", keyPath, this::days);
            Optional<LocalTime> start = read(fields, "start", keyPath, this::time);
            Optional<Duration> duration = read(fields, "duration", keyPath, nodes::duration);
            duration.filter(d -> d.compareTo(Schedule.Weekly.MAX_DURATION) > 0).ifPresent(d -> nodes.error(
                    fields.get("duration").value(), YamlNodes.child(keyPath, "duration"), "at most 7d (a window per week)"));
            // Stored in whole seconds: a shorter or fractional duration would read back different and be re-published.
            duration.filter(d -> d.compareTo(MIN_DURATION) < 0 || d.toMillis() % 1000 != 0).ifPresent(d -> nodes.error(
                    fields.get("duration").value(), YamlNodes.child(keyPath, "duration"),
                    "at least 1m, in whole seconds (found " + DurationParser.format(d) + ")"));
            if (nodes.errors().size() != errorsBefore || days.isEmpty() || start.isEmpty() || duration.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Schedule.Weekly(days.get(), start.get(), duration.get(), zone));
        });
    }

    private Optional<Set<DayOfWeek>> days(Node node, String keyPath) {
        return nodes.list(node, keyPath).flatMap(items -> {
            if (items.isEmpty()) {
                nodes.error(node, keyPath, "give at least one day (" + String.join(", ", DAYS) + ")");
                return Optional.empty();
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            boolean ok = true;
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String itemPath = YamlNodes.index(keyPath, i);
                Optional<String> text = nodes.string(item, itemPath);
                int day = text.map(DAYS::indexOf).orElse(-1);
                if (text.isPresent() && day < 0) {
                    nodes.error(item, itemPath, "'" + text.get() + "' is not a day (expected one of "
                            + String.join(", ", DAYS) + ")" + Suggestions.didYouMean(text.get(), DAYS));
                } else if (text.isPresent() && !days.add(DayOfWeek.of(day + 1))) {
                    nodes.error(item, itemPath, "'" + text.get() + "' is listed twice");
                    day = -1;
                }
                ok &= day >= 0;
            }
            return ok ? Optional.of(days) : Optional.empty();
        });
    }

    private Optional<LocalTime> time(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> {
            try {
                if (TIME.matcher(text).matches()) {
                    return Optional.of(LocalTime.parse(text));
                }
            } catch (DateTimeException e) {
                // reported below
            }
            nodes.error(node, keyPath, "'" + text + "' is not a time of day (expected HH:MM, 00:00 to 23:59)");
            return Optional.empty();
        });
    }

    private Optional<LocalDateTime> local(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> {
            try {
                return Optional.of(LocalDateTime.parse(text));
            } catch (DateTimeException e) {
                nodes.error(node, keyPath, "'" + text + "' is not a local date and time (" + LOCAL_EXAMPLE + ")");
                return Optional.empty();
            }
        });
    }

    private Optional<ZoneId> zone(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            } catch (DateTimeException e) {
                nodes.error(node, keyPath, "unknown time zone '" + text + "' (expected a region such as Europe/Berlin, or UTC)");
                return Optional.empty();
            }
        });
    }

    private Optional<WindowDefinition.Kind> kind(Node node, String keyPath) {
        List<String> kinds = java.util.Arrays.stream(WindowDefinition.Kind.values()).map(WindowDefinition.Kind::key).toList();
        return nodes.string(node, keyPath).flatMap(text -> {
            if (kinds.contains(text)) {
                return Optional.of(WindowDefinition.Kind.valueOf(text.toUpperCase(Locale.ROOT)));
            }
            nodes.error(node, keyPath, "'" + text + "' is not one of " + String.join(", ", kinds)
                    + Suggestions.didYouMean(text, kinds));
            return Optional.empty();
        });
    }

    private Optional<String> text(YamlNodes.Field field, String keyPath, String key, int maxLength) {
        String path = YamlNodes.child(keyPath, key);
        return nodes.string(field.value(), path).flatMap(text -> {
            if (text.isBlank()) {
                nodes.error(field.value(), path, "must not be blank");
                return Optional.empty();
            }
            if (text.length() > maxLength) {
                nodes.error(field.value(), path, "at most " + maxLength + " characters, found " + text.length());
                return Optional.empty();
            }
            return Optional.of(text.strip());
        });
    }

    /** The stripped text of an optional key, or null. */
    private String optionalText(Map<String, YamlNodes.Field> fields, String key, String keyPath, int maxLength) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? null : text(field, keyPath, key, maxLength).orElse(null);
    }

    private Optional<YamlNodes.Field> required(Node node, Map<String, YamlNodes.Field> fields, String key, String keyPath) {
        YamlNodes.Field field = fields.get(key);
        if (field == null) {
            nodes.error(node, keyPath, "missing required key '" + key + "'");
        }
        return Optional.ofNullable(field);
    }

    private interface Reader<T> {
        Optional<T> read(Node node, String keyPath);
    }

    private static <T> Optional<T> read(Map<String, YamlNodes.Field> fields, String key, String keyPath, Reader<T> reader) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? Optional.empty() : reader.read(field.value(), YamlNodes.child(keyPath, key));
    }
}

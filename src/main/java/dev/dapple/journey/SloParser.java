package dev.dapple.journey;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Parses a journey's {@code slo}. */
final class SloParser {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(28);
    static final int MAX_MIN_RUNS = 100_000;
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)%?");
    private static final Pattern HOURS = Pattern.compile("(\\w+)(?:-(\\w+))? (\\d\\d:\\d\\d)-(\\d\\d:\\d\\d) (\\S+)");
    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    private final YamlNodes nodes;
    private final Set<String> stepNames;

    SloParser(YamlNodes nodes, Set<String> stepNames) {
        this.nodes = nodes;
        this.stepNames = stepNames;
    }

    Optional<Slo> parse(Node node, String keyPath) {
        int errorsBefore = nodes.errors().size();
        Map<String, YamlNodes.Field> fields = nodes.fields(node, keyPath, JourneyKeys.SLO).orElse(null);
        if (fields == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> availability = read(fields, "availability", keyPath, this::percent);
        Slo.Degraded degraded = read(fields, "degraded", keyPath,
                (n, p) -> choice(n, p, Slo.Degraded.class)).orElse(Slo.Degraded.GOOD);
        Optional<Slo.Latency> latency = read(fields, "latency", keyPath, this::latency);
        Map<String, Slo.Latency> steps = read(fields, "steps", keyPath, this::steps).orElse(Map.of());
        Slo.Window window = window(fields, keyPath);
        Optional<Slo.BusinessHours> hours = read(fields, "hours", keyPath, this::hours);
        Optional<Duration> recovery = read(fields, "recovery", keyPath, nodes::duration);
        Slo.Budgeting budgeting = read(fields, "budgeting", keyPath,
                (n, p) -> choice(n, p, Slo.Budgeting.class)).orElse(Slo.Budgeting.OCCURRENCES);
        Optional<Integer> minRuns = read(fields, "min_runs", keyPath, (n, p) -> nodes.integer(n, p, 1, MAX_MIN_RUNS));
        if (!fields.containsKey("availability") && !fields.containsKey("latency") && !fields.containsKey("steps")) {
            nodes.error(node, keyPath, "no objective: give at least one of availability, latency or steps");
        }
        if (nodes.errors().size() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Slo(availability, degraded, latency, steps, window, hours, recovery, budgeting, minRuns));
    }

    private interface Reader<T> {
        Optional<T> read(Node node, String keyPath);
    }

    private static <T> Optional<T> read(Map<String, YamlNodes.Field> fields, String key, String keyPath, Reader<T> reader) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? Optional.empty() : reader.read(field.value(), YamlNodes.child(keyPath, key));
    }

    /** {@code 99.5%} or {@code 99.5}, strictly between 0 and 100. */
    private Optional<BigDecimal> percent(Node node, String keyPath) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            nodes.error(node, keyPath, "expected a percentage such as 99.5%, found " + YamlNodes.describe(node));
            return Optional.empty();
        }
        Matcher m = PERCENT.matcher(scalar.getValue());
        if (!m.matches()) {
            nodes.error(node, keyPath, "'" + scalar.getValue() + "' is not a percentage (expected e.g. 99.5%)");
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(m.group(1));
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0) {
            nodes.error(node, keyPath, "target " + scalar.getValue() + " must be above 0% and below 100%");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private <E extends Enum<E>> Optional<E> choice(Node node, String keyPath, Class<E> type) {
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        return nodes.string(node, keyPath).flatMap(text -> {
            if (names.contains(text)) {
                return Optional.of(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
            }
            nodes.error(node, keyPath, "'" + text + "' is not one of " + String.join(", ", names)
                    + Suggestions.didYouMean(text, names));
            return Optional.empty();
        });
    }

    private Optional<Slo.Latency> latency(Node node, String keyPath) {
        return nodes.fields(node, keyPath, JourneyKeys.LATENCY).flatMap(fields -> {
            for (String key : JourneyKeys.LATENCY) {
                if (!fields.containsKey(key)) {
                    nodes.error(node, keyPath, "missing required key '" + key + "'");
                }
            }
            Optional<Duration> below = read(fields, "below", keyPath, nodes::duration);
            Optional<BigDecimal> target = read(fields, "target", keyPath, this::percent);
            return below.isPresent() && target.isPresent()
                    ? Optional.of(new Slo.Latency(below.get(), target.get())) : Optional.empty();
        });
    }

    private Optional<Map<String, Slo.Latency>> steps(Node node, String keyPath) {
        return nodes.entries(node, keyPath).map(entries -> {
            var objectives = new LinkedHashMap<String, Slo.Latency>();
            entries.forEach((name, field) -> {
                if (!stepNames.contains(name)) {
                    nodes.error(field.key(), keyPath, "no step named '" + name + "'" + Suggestions.didYouMean(name, stepNames));
                    return;
                }
                latency(field.value(), YamlNodes.child(keyPath, name)).ifPresent(l -> objectives.put(name, l));
            });
            return objectives;
        });
    }

    private Slo.Window window(Map<String, YamlNodes.Field> fields, String keyPath) {
        if (fields.containsKey("window") && fields.containsKey("calendar")) {
            nodes.error(fields.get("calendar").key(), keyPath, "give either 'window' or 'calendar', not both");
        }
        Optional<Slo.Window> calendar = read(fields, "calendar", keyPath, (n, p) ->
                choice(n, p, Slo.Window.Period.class).map(Slo.Window.Calendar::new));
        Optional<Slo.Window> rolling = read(fields, "window", keyPath, (n, p) ->
                nodes.duration(n, p).map(Slo.Window.Rolling::new));
        return calendar.or(() -> rolling).orElse(new Slo.Window.Rolling(DEFAULT_WINDOW));
    }

    /** {@code Mon-Fri 08:00-20:00 Europe/Berlin}: a day or day range, a time range, a time zone. */
    private Optional<Slo.BusinessHours> hours(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> {
            Matcher m = HOURS.matcher(text);
            if (!m.matches()) {
                nodes.error(node, keyPath, "'" + text + "' is not business hours (expected DAY[-DAY] HH:MM-HH:MM ZONE,"
                        + " e.g. Mon-Fri 08:00-20:00 Europe/Berlin)");
                return Optional.empty();
            }
            Optional<DayOfWeek> from = day(node, keyPath, m.group(1));
            Optional<DayOfWeek> to = m.group(2) == null ? from : day(node, keyPath, m.group(2));
            Optional<LocalTime> start = time(node, keyPath, m.group(3));
            Optional<LocalTime> end = time(node, keyPath, m.group(4));
            Optional<ZoneId> zone = zone(node, keyPath, m.group(5));
            if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
                nodes.error(node, keyPath, "the hours end (" + m.group(4) + ") must be after their start (" + m.group(3) + ")");
                return Optional.empty();
            }
            if (from.isEmpty() || to.isEmpty() || start.isEmpty() || end.isEmpty() || zone.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Slo.BusinessHours(from.get(), to.get(), start.get(), end.get(), zone.get()));
        });
    }

    private Optional<DayOfWeek> day(Node node, String keyPath, String text) {
        int i = DAYS.indexOf(text);
        if (i < 0) {
            nodes.error(node, keyPath, "'" + text + "' is not a day (expected " + String.join(", ", DAYS) + ")");
            return Optional.empty();
        }
        return Optional.of(DayOfWeek.of(i + 1));
    }

    private Optional<LocalTime> time(Node node, String keyPath, String text) {
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeException e) {
            nodes.error(node, keyPath, "'" + text + "' is not a time of day (00:00 to 23:59)");
            return Optional.empty();
        }
    }

    private Optional<ZoneId> zone(Node node, String keyPath, String text) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            nodes.error(node, keyPath, "unknown time zone '" + text + "' (expected a region such as Europe/Berlin, or UTC)");
            return Optional.empty();
        }
    }
}

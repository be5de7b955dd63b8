package dev.dapple.result;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it rejects what Prometheus would
 * (malformed lines, bad names, unescaped label values, a TYPE after its samples, a family split in two, the same
 * series twice) and checks histograms: cumulative buckets, a {@code +Inf} bucket equal to {@code _count}, a
 * {@code _sum}. Errors name the line.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One line of a value: its sample name (with any _bucket, _sum, _count suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its name, type and help, and its samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        var parsed = new PrometheusText();
        parsed.read(text);
        return parsed;
    }

    public Map<String, Family> families() {
        return families;
    }

    /** The samples named {@code name} (a family name or a histogram's {@code _bucket}, {@code _sum}, ...). */
    public List<Sample> samples(String name) {
        return families.values().stream().flatMap(f -> f.samples().stream()).filter(s -> s.name().equals(name))
                .toList();
    }

    /** The value of the series with exactly these labels ({@code "journey", "checkout", ...}), or null. */
    public Double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples(name).stream().filter(s -> new TreeMap<>(s.labels()).equals(wanted)).map(Sample::value)
                .findFirst().orElse(null);
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        String current = null;
        Set<String> closed = new HashSet<>(); // families whose group has ended: seeing them again is an error
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String at = "line " + number + " '" + line + "': ";
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    continue; // a plain comment
                }
                String name = parts[2];
                if (!METRIC_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(at + "bad metric name");
                }
                if (!name.equals(current)) {
                    if (closed.contains(name) || samples.containsKey(name)) {
                        throw new IllegalArgumentException(at + "metadata for " + name + " outside its group");
                    }
                    if (current != null) {
                        closed.add(current);
                    }
                    current = name;
                    samples.put(name, new ArrayList<>());
                } else if (!samples.get(name).isEmpty()) {
                    throw new IllegalArgumentException(at + "metadata after the samples of " + name);
                }
                if (parts[1].equals("TYPE")) {
                    if (parts.length != 4 || !TYPES.contains(parts[3])) {
                        throw new IllegalArgumentException(at + "bad type");
                    }
                    if (types.put(name, parts[3]) != null) {
                        throw new IllegalArgumentException(at + "second TYPE for " + name);
                    }
                } else if (helps.put(name, parts.length == 4 ? unescapeHelp(parts[3], at) : "") != null) {
                    throw new IllegalArgumentException(at + "second HELP for " + name);
                }
                continue;
            }
            Sample sample = sample(line, at);
            String family = current != null && belongs(sample.name(), current, types.getOrDefault(current, "untyped"))
                    ? current : sample.name();
            if (!family.equals(current)) {
                if (closed.contains(family) || samples.containsKey(family)) {
                    throw new IllegalArgumentException(at + "sample of " + family + " outside its group");
                }
                if (current != null) {
                    closed.add(current);
                }
                current = family;
                samples.put(family, new ArrayList<>());
            }
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException(at + "the same series twice");
            }
            samples.get(family).add(sample);
        }
        for (var entry : samples.entrySet()) {
            String type = types.getOrDefault(entry.getKey(), "untyped");
            var family = new Family(entry.getKey(), type, helps.getOrDefault(entry.getKey(), ""), entry.getValue());
            if (type.equals("histogram")) {
                checkHistogram(family);
            }
            families.put(family.name(), family);
        }
    }

    private static boolean belongs(String sample, String family, String type) {
        return switch (type) {
            case "histogram" -> sample.equals(family + "_bucket") || sample.equals(family + "_sum")
                    || sample.equals(family + "_count");
            case "summary" -> sample.equals(family) || sample.equals(family + "_sum") || sample.equals(family + "_count");
            default -> sample.equals(family);
        };
    }

    /** Per label set (without le): buckets cumulative by le, a +Inf bucket equal to _count, and a _sum. */
    private static void checkHistogram(Family family) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            Map<String, String> labels = new TreeMap<>(s.labels());
            if (s.name().endsWith("_bucket")) {
                String le = labels.remove("le");
                if (le == null) {
                    throw new IllegalArgumentException(family.name() + ": a bucket without le: " + s);
                }
                buckets.computeIfAbsent(labels, l -> new TreeMap<>()).put(number(le, family.name() + " le"), s.value());
            } else if (s.name().endsWith("_count")) {
                counts.put(labels, s.value());
            } else {
                sums.put(labels, s.value());
            }
        }
        for (var entry : buckets.entrySet()) {
            double previous = 0;
            for (var bucket : entry.getValue().entrySet()) {
                if (bucket.getValue() < previous) {
                    throw new IllegalArgumentException(family.name() + entry.getKey() + ": buckets are not cumulative at le="
                            + bucket.getKey());
                }
                previous = bucket.getValue();
            }
            Double inf = entry.getValue().get(Double.POSITIVE_INFINITY);
            if (inf == null || !inf.equals(counts.get(entry.getKey()))) {
                throw new IllegalArgumentException(family.name() + entry.getKey() + ": +Inf bucket " + inf
                        + " is not _count " + counts.get(entry.getKey()));
            }
            if (!sums.containsKey(entry.getKey())) {
                throw new IllegalArgumentException(family.name() + entry.getKey() + ": no _sum");
            }
        }
        if (!buckets.keySet().equals(counts.keySet())) {
            throw new IllegalArgumentException(family.name() + ": _count without buckets");
        }
    }

    private static Sample sample(String line, String at) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(at + "bad metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException(at + "a label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw new IllegalArgumentException(at + "bad label name '" + label + "'");
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException(at + "label value not quoted");
                }
                var value = new StringBuilder();
                i = eq + 2;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException(at + "unterminated label value");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = i < line.length() ? line.charAt(i++) : ' ';
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException(at + "bad escape in a label value");
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException(at + "label " + label + " twice");
                }
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new IllegalArgumentException(at + "expected ',' or '}' after a label");
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException(at + "no value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException(at + "expected a value and an optional timestamp");
        }
        double value = number(rest[0], at + "value");
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at + "bad timestamp");
            }
        }
        return new Sample(name, labels, value);
    }

    private static double number(String text, String what) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException(what + ": not a number: '" + text + "'");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static String unescapeHelp(String text, String at) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = ++i < text.length() ? text.charAt(i) : ' ';
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                default -> throw new IllegalArgumentException(at + "bad escape in HELP");
            }
        }
        return out.toString();
    }
}

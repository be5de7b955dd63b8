package dev.dapple.journey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of SnakeYAML nodes for one file. Every failed read records a {@link JourneyError} at the node and
 * returns empty, so a parser keeps going and reports all problems of a file at once.
 */
public final class YamlNodes {

    /** A key of a mapping and its value, both with positions. */
    public record Field(ScalarNode key, Node value) {
    }

    private final String path;
    private final List<JourneyError> errors = new ArrayList<>();

    public YamlNodes(String path) {
        this.path = path;
    }

    public List<JourneyError> errors() {
        return errors;
    }

    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    public void error(Node node, String keyPath, String message) {
        Mark mark = node.getStartMark();
        add(mark.getLine() + 1, mark.getColumn() + 1, keyPath, message);
    }

    /** An error at {@code offset} into a scalar's value, when the scalar sits on one line as written. */
    public void error(Node node, int offset, String keyPath, String message) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        int column = start.getColumn();
        if (node instanceof ScalarNode scalar && start.getLine() == end.getLine()) {
            int width = end.getColumn() - start.getColumn();
            int length = scalar.getValue().codePointCount(0, scalar.getValue().length());
            boolean quoted = scalar.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || scalar.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            int safeOffset = Math.min(Math.max(offset, 0), scalar.getValue().length());
            int codePoints = scalar.getValue().codePointCount(0, safeOffset);
            if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && width == length) {
                column += codePoints;
            } else if (quoted && width == length + 2) {
                column += 1 + codePoints;
            }
        }
        add(start.getLine() + 1, column + 1, keyPath, message);
    }

    private void add(int line, int column, String keyPath, String message) {
        errors.add(new JourneyError(path, line, column, keyPath.isEmpty() ? message : keyPath + ": " + message));
    }

    public static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "no value";
            case ScalarNode s when s.getTag().equals(Tag.BOOL) -> "'" + s.getValue() + "'";
            case ScalarNode s when s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT) -> "a number";
            case ScalarNode s -> "'" + s.getValue() + "'";
            default -> "a " + node.getNodeId();
        };
    }

    private void wrongType(Node node, String keyPath, String expected) {
        error(node, keyPath, "expected " + expected + ", found " + describe(node));
    }

    /** The fields of a mapping with fixed keys: unknown and duplicate keys are errors. */
    public Optional<Map<String, Field>> fields(Node node, String keyPath, Collection<String> known) {
        Optional<Map<String, Field>> entries = entries(node, keyPath);
        entries.ifPresent(map -> map.values().removeIf(field -> {
            String key = field.key().getValue();
            if (known.contains(key)) {
                return false;
            }
            error(field.key(), keyPath, "unknown key '" + key + "'" + Suggestions.didYouMean(key, known));
            return true;
        }));
        return entries;
    }

    /** The entries of a mapping with free keys (variables, headers): keys must be strings and unique. */
    public Optional<Map<String, Field>> entries(Node node, String keyPath) {
        if (!(node instanceof MappingNode mapping)) {
            wrongType(node, keyPath, "a mapping (key: value)");
            return Optional.empty();
        }
        var fields = new LinkedHashMap<String, Field>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                error(tuple.getKeyNode(), keyPath, "keys must be plain strings, found " + describe(tuple.getKeyNode()));
                continue;
            }
            if (fields.containsKey(key.getValue())) {
                error(key, keyPath, "duplicate key '" + key.getValue() + "'");
                continue;
            }
            fields.put(key.getValue(), new Field(key, tuple.getValueNode()));
        }
        return Optional.of(fields);
    }

    public Optional<List<Node>> list(Node node, String keyPath) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        wrongType(node, keyPath, "a list");
        return Optional.empty();
    }

    /** Any scalar but null, as written: {@code owner: 42} is the string "42". */
    public Optional<String> string(Node node, String keyPath) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return Optional.of(scalar.getValue());
        }
        wrongType(node, keyPath, "a string");
        return Optional.empty();
    }

    public Optional<List<String>> strings(Node node, String keyPath) {
        return list(node, keyPath).map(items -> {
            var values = new ArrayList<String>();
            for (int i = 0; i < items.size(); i++) {
                string(items.get(i), index(keyPath, i)).ifPresent(values::add);
            }
            return values;
        });
    }

    /** Only {@code true} or {@code false}: YAML 1.1's yes/no/on/off are refused as too easy to misread. */
    public Optional<Boolean> bool(Node node, String keyPath) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                && Set.of("true", "false").contains(scalar.getValue())) {
            return Optional.of(Boolean.parseBoolean(scalar.getValue()));
        }
        wrongType(node, keyPath, "true or false");
        return Optional.empty();
    }

    public Optional<Integer> integer(Node node, String keyPath, int min, int max) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)
                || !scalar.getValue().matches("-?\\d{1,9}")) {
            wrongType(node, keyPath, "a whole number");
            return Optional.empty();
        }
        int value = Integer.parseInt(scalar.getValue());
        if (value < min || value > max) {
            error(node, keyPath, value + " is out of range (" + min + " to " + max + ")");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public Optional<Duration> duration(Node node, String keyPath) {
        return string(node, keyPath).flatMap(text -> switch (DurationParser.parse(text)) {
            case TextParse.Ok<Duration>(Duration d) -> Optional.of(d);
            case TextParse.Failure<Duration>(int offset, String message) -> {
                error(node, offset, keyPath, message);
                yield Optional.empty();
            }
        });
    }

    /** Reads {@code text} with {@code parser}; a failure is recorded at its offset in the node. */
    public <T> Optional<T> parse(Node node, String keyPath, String text, java.util.function.Function<String, TextParse<T>> parser) {
        return switch (parser.apply(text)) {
            case TextParse.Ok<T>(T value) -> Optional.of(value);
            case TextParse.Failure<T>(int offset, String message) -> {
                error(node, offset, keyPath, message);
                yield Optional.empty();
            }
        };
    }
}

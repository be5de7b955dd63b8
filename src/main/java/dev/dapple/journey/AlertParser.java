package dev.dapple.journey;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Parses a journey's {@code alert}. */
final class AlertParser {

    static final int MAX = 100;

    private final YamlNodes nodes;

    AlertParser(YamlNodes nodes) {
        this.nodes = nodes;
    }

    /** @param locationCount how many locations the journey names, or 0 when it runs everywhere */
    Optional<AlertPolicy> parse(Node node, String keyPath, int locationCount) {
        int errorsBefore = nodes.errors().size();
        Map<String, YamlNodes.Field> fields = nodes.fields(node, keyPath, JourneyKeys.ALERT).orElse(null);
        if (fields == null) {
            return Optional.empty();
        }
        int after = integer(fields, "after", keyPath).orElse(AlertPolicy.DEFAULT.after());
        int locations = integer(fields, "locations", keyPath).orElse(AlertPolicy.DEFAULT.locations());
        if (locationCount > 0 && locations > locationCount && fields.containsKey("locations")) {
            nodes.error(fields.get("locations").value(), YamlNodes.child(keyPath, "locations"), locations
                    + " is more than the journey's " + locationCount + " location" + (locationCount == 1 ? "" : "s"));
        }
        int recoverAfter = integer(fields, "recover_after", keyPath).orElse(AlertPolicy.DEFAULT.recoverAfter());
        List<String> channels = strings(fields, "channels", keyPath);
        List<String> tickets = strings(fields, "ticket_channels", keyPath);
        return nodes.errors().size() == errorsBefore
                ? Optional.of(new AlertPolicy(after, locations, recoverAfter, channels, tickets)) : Optional.empty();
    }

    private Optional<Integer> integer(Map<String, YamlNodes.Field> fields, String key, String keyPath) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? Optional.empty() : nodes.integer(field.value(), YamlNodes.child(keyPath, key), 1, MAX);
    }

    private List<String> strings(Map<String, YamlNodes.Field> fields, String key, String keyPath) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? List.of() : nodes.strings(field.value(), YamlNodes.child(keyPath, key)).orElse(List.of());
    }
}

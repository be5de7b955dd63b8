package dev.dapple.journey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/** Parses a journey's {@code alert}. */
final class AlertParser {

    static final int MAX = 100;
    static final Duration MIN_REMIND = Duration.ofMinutes(1);

    private final YamlNodes nodes;
    private final Set<String> channelNames;

    /** @param channelNames the configured channels; empty: channel names are not checked (none configured) */
    AlertParser(YamlNodes nodes, Set<String> channelNames) {
        this.nodes = nodes;
        this.channelNames = Set.copyOf(channelNames);
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
        List<String> channels = channels(fields, "channels", keyPath);
        List<String> tickets = channels(fields, "ticket_channels", keyPath);
        Optional<Duration> remind = Optional.ofNullable(fields.get("remind"))
                .flatMap(field -> remind(field.value(), YamlNodes.child(keyPath, "remind")));
        return nodes.errors().size() == errorsBefore
                ? Optional.of(new AlertPolicy(after, locations, recoverAfter, channels, tickets, remind))
                : Optional.empty();
    }

    private Optional<Duration> remind(Node node, String keyPath) {
        return nodes.duration(node, keyPath).filter(d -> {
            if (d.compareTo(MIN_REMIND) < 0) {
                nodes.error(node, keyPath, DurationParser.format(d) + " is too short: remind at most every 1m");
                return false;
            }
            return true;
        });
    }

    /** Channel names, each checked against the configured channels when there are any. */
    private List<String> channels(Map<String, YamlNodes.Field> fields, String key, String keyPath) {
        YamlNodes.Field field = fields.get(key);
        if (field == null) {
            return List.of();
        }
        String path = YamlNodes.child(keyPath, key);
        List<Node> items = nodes.list(field.value(), path).orElse(List.of());
        var names = new ArrayList<String>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = YamlNodes.index(path, i);
            nodes.string(item, itemPath).ifPresent(name -> {
                if (!channelNames.isEmpty() && !channelNames.contains(name)) {
                    nodes.error(item, itemPath, "unknown channel '" + name + "'"
                            + Suggestions.didYouMean(name, channelNames) + "; configured: "
                            + String.join(", ", new TreeSet<>(channelNames)));
                }
                names.add(name);
            });
        }
        return names;
    }

    private Optional<Integer> integer(Map<String, YamlNodes.Field> fields, String key, String keyPath) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? Optional.empty() : nodes.integer(field.value(), YamlNodes.child(keyPath, key), 1, MAX);
    }

}

package dev.dapple.journey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads templates from YAML nodes and remembers every variable they use, with its position, so the journey parser
 * can check the names once it knows which steps extract what.
 */
final class TemplateReader {

    /** A use of {@code ${name}} at {@code offset} into {@code node}'s value. */
    record Ref(String name, Node node, int offset, String keyPath) {
    }

    private final YamlNodes nodes;
    private final List<Ref> refs = new ArrayList<>();

    TemplateReader(YamlNodes nodes) {
        this.nodes = nodes;
    }

    List<Ref> refs() {
        return refs;
    }

    Optional<Template> read(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> template(node, keyPath, text));
    }

    private Optional<Template> template(Node node, String keyPath, String text) {
        return nodes.parse(node, keyPath, text, TemplateParser::parseLocated).map(located -> {
            for (TemplateParser.Located part : located) {
                if (part.part() instanceof TemplatePart.VariableRef(String name)) {
                    refs.add(new Ref(name, node, part.offset(), keyPath));
                }
            }
            return new Template(text, located.stream().map(TemplateParser.Located::part).toList());
        });
    }

    /** A mapping of names to templates (headers, query, form, variables), in file order. */
    Optional<Map<String, Template>> map(Node node, String keyPath) {
        return nodes.entries(node, keyPath).map(entries -> {
            var templates = new LinkedHashMap<String, Template>();
            entries.forEach((key, field) -> read(field.value(), YamlNodes.child(keyPath, key))
                    .ifPresent(t -> templates.put(key, t)));
            return templates;
        });
    }

    /** Any YAML value as a JSON body; strings are templates, YAML's numbers, booleans and null keep their type. */
    Optional<JsonTemplate> json(Node node, String keyPath) {
        return switch (node) {
            case MappingNode mapping -> nodes.entries(mapping, keyPath).map(entries -> {
                var members = new LinkedHashMap<String, JsonTemplate>();
                entries.forEach((key, field) -> json(field.value(), YamlNodes.child(keyPath, key))
                        .ifPresent(v -> members.put(key, v)));
                return new JsonTemplate.JsonObject(members);
            });
            case SequenceNode sequence -> {
                var items = new ArrayList<JsonTemplate>();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    json(sequence.getValue().get(i), YamlNodes.index(keyPath, i)).ifPresent(items::add);
                }
                yield Optional.of(new JsonTemplate.JsonArray(items));
            }
            case ScalarNode scalar -> scalar(scalar, keyPath);
            default -> Optional.empty();
        };
    }

    private Optional<JsonTemplate> scalar(ScalarNode scalar, String keyPath) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return Optional.of(new JsonTemplate.JsonNull());
        }
        if (tag.equals(Tag.BOOL) && (text.equals("true") || text.equals("false"))) {
            return Optional.of(new JsonTemplate.JsonBoolean(Boolean.parseBoolean(text)));
        }
        if ((tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) && text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return Optional.of(new JsonTemplate.JsonNumber(new BigDecimal(text)));
        }
        // Everything else (yes/no, 0x1F, dates) is sent as the string it was written as.
        return template(scalar, keyPath, text).map(JsonTemplate.JsonString::new);
    }
}

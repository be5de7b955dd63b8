package dev.dapple.journey;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses one step. Variable uses are not checked here: the step returns them in its {@link Draft}, and the journey
 * parser checks them once it knows every step's extracts.
 */
final class StepParser {

    /** A parsed step (empty when it had errors) and what the journey parser needs to check across steps. */
    record Draft(Optional<Step> step, Optional<String> name, Node node, Node nameNode, Set<String> extracts,
                 List<TemplateReader.Ref> refs) {
    }

    static final int MAX_RETRIES = 5;
    private static final String FLOW_HINT = "an item of a flow list [a, b] cannot contain [ ] { } or ','"
            + " (write the list as a block list, one '- item' per line, or quote the item)";

    private final YamlNodes nodes;
    private final Set<String> variables;
    private final Duration journeyTimeout;
    private final Path baseDir;

    /** @param journeyTimeout null when the journey's own timeout was invalid */
    StepParser(YamlNodes nodes, Set<String> variables, Duration journeyTimeout, Path baseDir) {
        this.nodes = nodes;
        this.variables = variables;
        this.journeyTimeout = journeyTimeout;
        this.baseDir = baseDir;
    }

    Draft parse(Node node, String keyPath) {
        int errorsBefore = nodes.errors().size();
        var templates = new TemplateReader(nodes);
        var extracts = new LinkedHashSet<String>();
        Map<String, YamlNodes.Field> fields = nodes.fields(node, keyPath, JourneyKeys.STEP).orElse(null);
        if (fields == null) {
            return new Draft(Optional.empty(), Optional.empty(), node, node, extracts, templates.refs());
        }
        YamlNodes.Field nameField = fields.get("name");
        Optional<String> name = Optional.empty();
        if (nameField == null) {
            nodes.error(node, keyPath, "missing required key 'name'");
        } else {
            name = nodes.string(nameField.value(), YamlNodes.child(keyPath, "name"))
                    .filter(n -> JourneyParser.checkName(nodes, nameField.value(), YamlNodes.child(keyPath, "name"), "step", n));
        }
        Optional<HttpMethod> method = method(node, keyPath, fields);
        Optional<Template> url = method.flatMap(m -> {
            Node urlNode = fields.get(m.key()).value();
            String urlPath = YamlNodes.child(keyPath, m.key());
            return templates.read(urlNode, urlPath).filter(t -> checkUrl(urlNode, urlPath, t));
        });
        Map<String, Template> headers = optional(fields, "headers", keyPath, (n, p) -> headers(templates, n, p), Map.of());
        Map<String, Template> query = optional(fields, "query", keyPath, templates::map, Map.of());
        Body body = body(fields, keyPath, templates);
        List<Assertion> expect = optional(fields, "expect", keyPath, this::expect, List.of(Assertion.DEFAULT));
        Map<String, ExtractSource> extract = optional(fields, "extract", keyPath,
                (n, p) -> extract(n, p, extracts), Map.of());
        boolean critical = optional(fields, "critical", keyPath, nodes::bool, true);
        boolean always = optional(fields, "always", keyPath, nodes::bool, false);
        boolean followRedirects = optional(fields, "follow_redirects", keyPath, nodes::bool, true);
        Duration timeout = optional(fields, "timeout", keyPath, this::timeout, journeyTimeout);
        Tls tls = optional(fields, "tls", keyPath, this::tls, Tls.DEFAULT);
        int retries = optional(fields, "retries", keyPath, (n, p) -> nodes.integer(n, p, 0, MAX_RETRIES), 0);

        Optional<Step> step = Optional.empty();
        if (nodes.errors().size() == errorsBefore && name.isPresent() && method.isPresent() && url.isPresent()
                && timeout != null) {
            step = Optional.of(new Step(name.get(), method.get(), url.get(), headers, query, body, expect, extract,
                    critical, always, timeout, followRedirects, tls, retries));
        }
        return new Draft(step, name, node, nameField == null ? node : nameField.value(), extracts, templates.refs());
    }

    private interface Reader<T> {
        Optional<T> read(Node node, String keyPath);
    }

    private static <T> T optional(Map<String, YamlNodes.Field> fields, String key, String keyPath, Reader<T> reader, T fallback) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? fallback : reader.read(field.value(), YamlNodes.child(keyPath, key)).orElse(fallback);
    }

    private Optional<HttpMethod> method(Node node, String keyPath, Map<String, YamlNodes.Field> fields) {
        List<String> present = JourneyKeys.METHODS.stream().filter(fields::containsKey).toList();
        if (present.isEmpty()) {
            nodes.error(node, keyPath, "missing the request: one of " + String.join(", ", JourneyKeys.METHODS)
                    + " with its URL, e.g. get: https://example.com/");
            return Optional.empty();
        }
        if (present.size() > 1) {
            nodes.error(fields.get(present.get(1)).key(), keyPath, "a step sends one request, found both '"
                    + present.get(0) + "' and '" + present.get(1) + "'");
            return Optional.empty();
        }
        return Optional.of(HttpMethod.valueOf(present.getFirst().toUpperCase(Locale.ROOT)));
    }

    private boolean checkUrl(Node node, String keyPath, Template url) {
        for (TemplatePart part : url.parts()) {
            if (part instanceof TemplatePart.Literal(String text) && text.chars().anyMatch(Character::isWhitespace)) {
                nodes.error(node, keyPath, "the URL contains a space; write it as %20");
                return false;
            }
        }
        if (!url.parts().isEmpty() && !(url.parts().getFirst() instanceof TemplatePart.Literal)) {
            return true; // starts with ${base}: checked when the run resolves it
        }
        String start = url.parts().isEmpty() ? "" : ((TemplatePart.Literal) url.parts().getFirst()).text();
        String lower = start.toLowerCase(Locale.ROOT);
        boolean httpStart = lower.startsWith("http://") || lower.startsWith("https://");
        boolean valid = httpStart && (!url.isLiteral() || hasHost(start));
        if (!valid) {
            nodes.error(node, keyPath, "'" + url.source() + "' is not an http(s) URL (expected http://HOST/... or"
                    + " https://HOST/..., or a URL starting with a variable such as ${base}/path)");
        }
        return valid;
    }

    private static boolean hasHost(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Optional<Map<String, Template>> headers(TemplateReader templates, Node node, String keyPath) {
        return templates.map(node, keyPath).map(headers -> {
            headers.keySet().removeIf(name -> {
                if (AssertionParser.HEADER_NAME.matcher(name).matches()) {
                    return false;
                }
                nodes.error(node, keyPath, "invalid header name '" + name + "'");
                return true;
            });
            return headers;
        });
    }

    private Body body(Map<String, YamlNodes.Field> fields, String keyPath, TemplateReader templates) {
        List<String> present = JourneyKeys.BODIES.stream().filter(fields::containsKey).toList();
        if (present.size() > 1) {
            nodes.error(fields.get(present.get(1)).key(), keyPath, "a step has at most one body, found both '"
                    + present.get(0) + "' and '" + present.get(1) + "'");
            return new Body.NoBody();
        }
        if (present.isEmpty()) {
            return new Body.NoBody();
        }
        String key = present.getFirst();
        Node value = fields.get(key).value();
        String path = YamlNodes.child(keyPath, key);
        Optional<Body> body = switch (key) {
            case "json" -> templates.json(value, path).map(Body.JsonBody::new);
            case "form" -> templates.map(value, path).map(Body.FormBody::new);
            default -> templates.read(value, path).map(Body.TextBody::new);
        };
        return body.orElse(new Body.NoBody());
    }

    private Optional<List<Assertion>> expect(Node node, String keyPath) {
        return nodes.list(node, keyPath).flatMap(items -> {
            if (items.isEmpty()) {
                nodes.error(node, keyPath, "an empty list (leave 'expect' out for the default, status < 400)");
                return Optional.empty();
            }
            boolean flow = ((SequenceNode) node).getFlowStyle() == DumperOptions.FlowStyle.FLOW;
            var assertions = new ArrayList<Assertion>();
            for (int i = 0; i < items.size(); i++) {
                assertion(items.get(i), YamlNodes.index(keyPath, i), flow).ifPresent(assertions::add);
            }
            return assertions.size() == items.size() ? Optional.of(assertions) : Optional.empty();
        });
    }

    private Optional<Assertion> assertion(Node item, String keyPath, boolean flow) {
        if (!(item instanceof ScalarNode scalar) || scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
            String found = YamlNodes.describe(item);
            String why = flow ? "; " + FLOW_HINT
                    : item instanceof org.yaml.snakeyaml.nodes.MappingNode ? " (a ': ' makes YAML read a key: quote the assertion)" : "";
            nodes.error(item, keyPath, "expected an assertion such as status == 200, found " + found + why);
            return Optional.empty();
        }
        return switch (AssertionParser.parse(scalar.getValue())) {
            case TextParse.Ok<Assertion>(Assertion a) -> Optional.of(a);
            case TextParse.Failure<Assertion>(int offset, String message) -> {
                boolean cut = flow && (message.startsWith("unterminated") || message.startsWith("unclosed"));
                nodes.error(item, offset, keyPath, message + (cut ? "; " + FLOW_HINT : ""));
                yield Optional.empty();
            }
        };
    }

    /** @param names gets every well-formed name, even when its source is bad, so later steps see no knock-on errors */
    private Optional<Map<String, ExtractSource>> extract(Node node, String keyPath, Set<String> names) {
        return nodes.entries(node, keyPath).map(entries -> {
            var sources = new LinkedHashMap<String, ExtractSource>();
            entries.forEach((name, field) -> {
                String path = YamlNodes.child(keyPath, name);
                if (!JourneyParser.checkVariableName(nodes, field.key(), keyPath, name)) {
                    return;
                }
                if (variables.contains(name)) {
                    nodes.error(field.key(), keyPath, "'" + name + "' is already a journey variable: extract into another name");
                    return;
                }
                names.add(name);
                nodes.string(field.value(), path)
                        .flatMap(text -> nodes.parse(field.value(), path, text, ExtractParser::parse))
                        .ifPresent(source -> sources.put(name, source));
            });
            return sources;
        });
    }

    private Optional<Duration> timeout(Node node, String keyPath) {
        return nodes.duration(node, keyPath).filter(d -> {
            if (journeyTimeout != null && d.compareTo(journeyTimeout) > 0) {
                nodes.error(node, keyPath, DurationParser.format(d) + " exceeds the journey timeout ("
                        + DurationParser.format(journeyTimeout) + ")");
                return false;
            }
            return true;
        });
    }

    private Optional<Tls> tls(Node node, String keyPath) {
        return nodes.fields(node, keyPath, JourneyKeys.TLS).flatMap(fields -> {
            boolean insecure = optional(fields, "insecure", keyPath, nodes::bool, false);
            Optional<Path> ca = Optional.ofNullable(fields.get("ca")).flatMap(field -> {
                String path = YamlNodes.child(keyPath, "ca");
                return nodes.string(field.value(), path).flatMap(file -> caFile(field.value(), path, file));
            });
            if (insecure && fields.containsKey("ca")) {
                nodes.error(fields.get("ca").key(), keyPath, "'insecure: true' skips verification, so 'ca' would be ignored: keep one");
                return Optional.empty();
            }
            return Optional.of(new Tls(insecure, ca));
        });
    }

    private Optional<Path> caFile(Node node, String keyPath, String file) {
        Path resolved = baseDir.resolve(file).normalize();
        if (!Files.isRegularFile(resolved)) {
            nodes.error(node, keyPath, "no such file '" + file + "' (a path relative to the journey file)");
            return Optional.empty();
        }
        return Optional.of(resolved);
    }
}

package dev.dapple.journey;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses one journey file into a {@link Journey}, or every error in it. Never throws for bad content; only an
 * unreadable file ({@link IOException}) escapes {@link #parse(Path)}.
 */
public final class JourneyParser {

    /** Journey, step and location names: they appear in URLs, metrics and file names. */
    static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    static final int MAX_NAME_LENGTH = 64;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    static final Duration MAX_DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** A second below the interval at most, so a hanging target makes a run DOWN before the next one is due. */
    static Duration defaultTimeout(Duration interval) {
        Duration belowInterval = interval.minusSeconds(1);
        return belowInterval.compareTo(MAX_DEFAULT_TIMEOUT) < 0 ? belowInterval : MAX_DEFAULT_TIMEOUT;
    }

    /** Words with a meaning inside ${...}: they cannot name a variable. */
    static final Set<String> RESERVED = Set.of("env", "secret", "uuid", "now", "random");

    private final String path;
    private final Path sourcePath;
    private final YamlNodes nodes;
    /** Every well-formed step name, even of invalid steps, so the slo is checked against what the file says. */
    private final Set<String> stepNames = new LinkedHashSet<>();

    /** The configured alert channels; empty: channel names are not checked. */
    private final Set<String> channels;

    private JourneyParser(String path, Path sourcePath, Set<String> channels) {
        this.path = path;
        this.sourcePath = sourcePath;
        this.nodes = new YamlNodes(path);
        this.channels = Set.copyOf(channels);
    }

    /** Reads and parses {@code file}; errors name it as given. */
    public static ParseResult parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > YamlSource.MAX_BYTES) {
            return new ParseResult.Invalid(List.of(new JourneyError(file.toString(), 1, 1, YamlSource.tooLarge(size))));
        }
        return parse(file.toString(), Files.readAllBytes(file), file);
    }

    /**
     * @param displayPath how errors name the file
     * @param sourcePath  the file itself: {@code tls.ca} paths resolve against its folder
     */
    public static ParseResult parse(String displayPath, byte[] bytes, Path sourcePath) {
        return parse(displayPath, bytes, sourcePath, Set.of());
    }

    /**
     * As {@link #parse(String, byte[], Path)}, also refusing a channel not among {@code channels} (the configured
     * ones; empty: no check). Stored versions are parsed back without it, so a channel removed from the
     * configuration never unpublishes a journey that was valid when published.
     */
    public static ParseResult parse(String displayPath, byte[] bytes, Path sourcePath, Set<String> channels) {
        var parser = new JourneyParser(displayPath, sourcePath, channels);
        var errors = new ArrayList<JourneyError>();
        Optional<Node> root = YamlSource.compose(displayPath, bytes, errors);
        if (root.isEmpty()) {
            return new ParseResult.Invalid(errors);
        }
        Optional<ParseResult.Parsed> parsed = parser.journey(root.get(), sha256(bytes));
        if (parsed.isPresent() && parser.nodes.errors().isEmpty()) {
            return parsed.get();
        }
        return new ParseResult.Invalid(parser.nodes.errors().stream().sorted().toList());
    }

    private Optional<ParseResult.Parsed> journey(Node root, String contentHash) {
        Map<String, YamlNodes.Field> fields = nodes.fields(root, "", JourneyKeys.JOURNEY).orElse(null);
        if (fields == null) {
            return Optional.empty();
        }
        for (String key : List.of("name", "interval", "steps")) {
            if (!fields.containsKey(key)) {
                nodes.error(root, "", "missing required key '" + key + "'");
            }
        }
        Optional<String> name = read(fields, "name", (n, p) -> nodes.string(n, p).filter(s -> checkName(nodes, n, p, "journey", s)));
        String description = read(fields, "description", nodes::string).orElse("");
        String owner = read(fields, "owner", nodes::string).orElse("");
        Severity severity = read(fields, "severity", this::severity).orElse(Severity.HIGH);
        Optional<URI> runbook = read(fields, "runbook", this::runbook);
        List<String> tags = read(fields, "tags", nodes::strings).orElse(List.of());
        Optional<Duration> interval = read(fields, "interval", this::interval);
        Optional<Duration> timeout = read(fields, "timeout", (n, p) -> timeout(n, p, interval))
                .or(() -> fields.containsKey("timeout") ? Optional.empty()
                        : interval.map(JourneyParser::defaultTimeout));
        List<String> locations = read(fields, "locations", this::locations).orElse(List.of());
        Map<String, Template> variables = read(fields, "variables", this::variables).orElse(Map.of());
        List<Step> steps = read(fields, "steps", (n, p) -> steps(n, p, variables.keySet(), timeout.orElse(null)))
                .orElse(List.of());
        Optional<Slo> slo = read(fields, "slo", (n, p) -> new SloParser(nodes, stepNames).parse(n, p));
        AlertPolicy alert = read(fields, "alert", (n, p) -> new AlertParser(nodes, channels).parse(n, p, locations.size()))
                .orElse(AlertPolicy.DEFAULT);
        if (!nodes.errors().isEmpty() || name.isEmpty() || interval.isEmpty() || timeout.isEmpty()) {
            return Optional.empty();
        }
        Node nameNode = fields.get("name").value();
        var journey = new Journey(name.get(), description, owner, severity, runbook, tags, interval.get(), timeout.get(),
                locations, variables, steps, slo, alert, sourcePath, contentHash);
        return Optional.of(new ParseResult.Parsed(journey, nameNode.getStartMark().getLine() + 1,
                nameNode.getStartMark().getColumn() + 1));
    }

    private interface Reader<T> {
        Optional<T> read(Node node, String keyPath);
    }

    private static <T> Optional<T> read(Map<String, YamlNodes.Field> fields, String key, Reader<T> reader) {
        YamlNodes.Field field = fields.get(key);
        return field == null ? Optional.empty() : reader.read(field.value(), key);
    }

    static boolean checkName(YamlNodes nodes, Node node, String keyPath, String what, String name) {
        if (!NAME.matcher(name).matches()) {
            nodes.error(node, keyPath, what + " name '" + name + "' may only contain a-z, 0-9 and '-'");
            return false;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            nodes.error(node, keyPath, what + " name is " + name.length() + " characters long (at most " + MAX_NAME_LENGTH + ")");
            return false;
        }
        return true;
    }

    static boolean checkVariableName(YamlNodes nodes, Node node, String keyPath, String name) {
        if (!TemplateParser.NAME.matcher(name).matches()) {
            nodes.error(node, keyPath, "'" + name + "' cannot name a variable (letters, digits and '_', not starting with a digit)");
            return false;
        }
        if (RESERVED.contains(name)) {
            nodes.error(node, keyPath, "'" + name + "' is reserved inside ${...}: choose another variable name");
            return false;
        }
        return true;
    }

    private Optional<Severity> severity(Node node, String keyPath) {
        List<String> names = List.of("critical", "high", "low");
        return nodes.string(node, keyPath).flatMap(text -> {
            if (names.contains(text)) {
                return Optional.of(Severity.valueOf(text.toUpperCase(Locale.ROOT)));
            }
            nodes.error(node, keyPath, "'" + text + "' is not one of critical, high, low" + Suggestions.didYouMean(text, names));
            return Optional.empty();
        });
    }

    private Optional<URI> runbook(Node node, String keyPath) {
        return nodes.string(node, keyPath).flatMap(text -> {
            try {
                URI uri = new URI(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            nodes.error(node, keyPath, "'" + text + "' is not an http(s) URL");
            return Optional.empty();
        });
    }

    private Optional<Duration> interval(Node node, String keyPath) {
        return nodes.duration(node, keyPath).filter(d -> {
            if (d.compareTo(MIN_INTERVAL) < 0) {
                nodes.error(node, keyPath, DurationParser.format(d) + " is too short: the minimum interval is 10s");
                return false;
            }
            return true;
        });
    }

    private Optional<Duration> timeout(Node node, String keyPath, Optional<Duration> interval) {
        return nodes.duration(node, keyPath).filter(d -> {
            if (interval.isPresent() && d.compareTo(interval.get()) >= 0) {
                nodes.error(node, keyPath, DurationParser.format(d) + " must be below the interval ("
                        + DurationParser.format(interval.get()) + ")");
                return false;
            }
            return true;
        });
    }

    private Optional<List<String>> locations(Node node, String keyPath) {
        return nodes.list(node, keyPath).flatMap(items -> {
            if (items.isEmpty()) {
                nodes.error(node, keyPath, "an empty list (leave 'locations' out to run in every location)");
                return Optional.empty();
            }
            var names = new LinkedHashSet<String>();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String itemPath = YamlNodes.index(keyPath, i);
                nodes.string(item, itemPath).filter(s -> checkName(nodes, item, itemPath, "location", s)).ifPresent(s -> {
                    if (!names.add(s)) {
                        nodes.error(item, itemPath, "location '" + s + "' is listed twice");
                    }
                });
            }
            return Optional.of(List.copyOf(names));
        });
    }

    /** Variables may use env, secret, built-ins and the variables above them. */
    private Optional<Map<String, Template>> variables(Node node, String keyPath) {
        return nodes.entries(node, keyPath).map(entries -> {
            var variables = new LinkedHashMap<String, Template>();
            entries.forEach((name, field) -> {
                if (!checkVariableName(nodes, field.key(), keyPath, name)) {
                    return;
                }
                var templates = new TemplateReader(nodes);
                templates.read(field.value(), YamlNodes.child(keyPath, name)).ifPresent(t -> variables.put(name, t));
                for (TemplateReader.Ref ref : templates.refs()) {
                    if (!variables.containsKey(ref.name()) || ref.name().equals(name)) {
                        String why = entries.containsKey(ref.name()) ? " (a variable may only use the variables above it)" : "";
                        nodes.error(ref.node(), ref.offset(), ref.keyPath(), "unknown variable '${" + ref.name() + "}'" + why
                                + Suggestions.didYouMean(ref.name(), variables.keySet()));
                    }
                }
            });
            return variables;
        });
    }

    private Optional<List<Step>> steps(Node node, String keyPath, Set<String> variables, Duration timeout) {
        return nodes.list(node, keyPath).flatMap(items -> {
            if (items.isEmpty()) {
                nodes.error(node, keyPath, "a journey needs at least one step");
                return Optional.empty();
            }
            var parser = new StepParser(nodes, variables, timeout, sourcePath.toAbsolutePath().getParent());
            var drafts = new ArrayList<StepParser.Draft>();
            var seen = new HashMap<String, Integer>();
            for (int i = 0; i < items.size(); i++) {
                StepParser.Draft draft = parser.parse(items.get(i), YamlNodes.index(keyPath, i));
                drafts.add(draft);
                draft.name().ifPresent(stepNames::add);
                int index = i;
                draft.name().ifPresent(name -> {
                    Integer first = seen.putIfAbsent(name, index);
                    if (first != null) {
                        nodes.error(draft.nameNode(), YamlNodes.child(YamlNodes.index(keyPath, index), "name"),
                                "duplicate step name '" + name + "' (also " + YamlNodes.index(keyPath, first) + ")");
                    }
                });
            }
            checkReferences(drafts, variables);
            List<Step> steps = drafts.stream().flatMap(d -> d.step().stream()).toList();
            return steps.size() == items.size() ? Optional.of(steps) : Optional.empty();
        });
    }

    /** A step may use the journey's variables and what the steps before it extract. */
    private void checkReferences(List<StepParser.Draft> drafts, Set<String> variables) {
        Set<String> known = new HashSet<>(variables);
        for (int i = 0; i < drafts.size(); i++) {
            for (TemplateReader.Ref ref : drafts.get(i).refs()) {
                if (known.contains(ref.name())) {
                    continue;
                }
                String message = "unknown variable '${" + ref.name() + "}'";
                boolean extractedLater = false;
                for (int later = i; later < drafts.size() && !extractedLater; later++) {
                    if (drafts.get(later).extracts().contains(ref.name())) {
                        extractedLater = true;
                        message += later == i ? ": this step extracts it only after its request"
                                : ": it is extracted by " + drafts.get(later).name().map(n -> "step '" + n + "'").orElse("a later step")
                                + ", which runs after this one";
                    }
                }
                if (!extractedLater) {
                    message += " (not a journey variable or a value extracted by an earlier step)"
                            + Suggestions.didYouMean(ref.name(), known);
                }
                nodes.error(ref.node(), ref.offset(), ref.keyPath(), message);
            }
            known.addAll(drafts.get(i).extracts());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

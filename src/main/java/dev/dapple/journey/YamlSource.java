package dev.dapple.journey;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a file's bytes into a SnakeYAML node tree, refusing what could hurt the loader before building it: files
 * over 1 MiB, bytes that are not UTF-8, nesting deeper than 50, anchors and aliases (no alias bombs, and a journey
 * never needs them), more than one document.
 */
public final class YamlSource {

    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 50;
    private static final String FLOW_HINT = "; an item of a flow list [a, b] cannot contain [ ] { } or ','"
            + " (write the list as a block list, one '- item' per line, or quote the item)";

    private YamlSource() {
    }

    /** The root node, or empty after adding the reason to {@code errors}. */
    static Optional<Node> compose(String path, byte[] bytes, List<JourneyError> errors) {
        return compose(path, bytes, errors, "the file is empty (a journey needs at least name, interval and steps)");
    }

    /**
     * As {@link #compose(String, byte[], List)} for other files kept with journeys: an empty file (or one of only
     * comments) is empty without an error when {@code emptyError} is null.
     */
    public static Optional<Node> compose(String path, byte[] bytes, List<JourneyError> errors, String emptyError) {
        if (bytes.length > MAX_BYTES) {
            errors.add(new JourneyError(path, 1, 1, tooLarge(bytes.length)));
            return Optional.empty();
        }
        String text = decode(path, bytes, errors);
        if (text == null) {
            return Optional.empty();
        }
        Yaml yaml = new Yaml(options());
        try {
            if (!screen(path, yaml.parse(new StringReader(text)), errors)) {
                return Optional.empty();
            }
            Node root = yaml.compose(new StringReader(text));
            if (root == null && emptyError != null) {
                errors.add(new JourneyError(path, 1, 1, emptyError));
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            errors.add(syntaxError(path, e));
        } catch (YAMLException e) {
            errors.add(new JourneyError(path, 1, 1, "invalid YAML: " + e.getMessage()));
        }
        return Optional.empty();
    }

    public static String tooLarge(long size) {
        return "the file is " + size + " bytes; a journey file may be at most 1 MiB (" + MAX_BYTES + " bytes)";
    }

    private static LoaderOptions options() {
        var options = new LoaderOptions();
        // Defence in depth: screen() refuses these first, with a position.
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH + 10);
        return options;
    }

    private static String decode(String path, byte[] bytes, List<JourneyError> errors) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        String text = out.toString();
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            errors.add(new JourneyError(path, line, text.codePointCount(lineStart, text.length()) + 1, String.format(
                    "the file is not UTF-8: invalid byte 0x%02X at byte offset %d", bytes[offset] & 0xFF, offset)));
            return null;
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Walks the event stream (linear, builds nothing) and reports the first unsafe construct. */
    private static boolean screen(String path, Iterable<Event> events, List<JourneyError> errors) {
        int depth = 0;
        int documents = 0;
        for (Event event : events) {
            if (event instanceof AliasEvent alias) {
                errors.add(at(path, event.getStartMark(), "YAML aliases (*" + alias.getAnchor()
                        + ") are not supported: write the value out"));
                return false;
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                errors.add(at(path, event.getStartMark(), "YAML anchors (&" + node.getAnchor()
                        + ") are not supported: write the value out"));
                return false;
            }
            if (event instanceof DocumentStartEvent && ++documents > 1) {
                errors.add(at(path, event.getStartMark(), "a journey file holds one YAML document, found a second one"));
                return false;
            }
            if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                errors.add(at(path, event.getStartMark(), "nested deeper than " + MAX_DEPTH + " levels"));
                return false;
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return true;
    }

    private static JourneyError syntaxError(String path, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "malformed" : e.getProblem().replace("\n", " ").strip();
        var message = new StringBuilder("invalid YAML: ").append(problem);
        String context = e.getContext();
        if (context != null) {
            message.append(" (").append(context);
            if (e.getContextMark() != null) {
                message.append(" started at line ").append(e.getContextMark().getLine() + 1);
            }
            message.append(')');
            if (context.contains("flow sequence") || context.contains("flow mapping")) {
                message.append(FLOW_HINT);
            }
        }
        return mark == null ? new JourneyError(path, 1, 1, message.toString()) : at(path, mark, message.toString());
    }

    private static JourneyError at(String path, Mark mark, String message) {
        return new JourneyError(path, mark.getLine() + 1, mark.getColumn() + 1, message);
    }
}

package dev.dapple.probe;

import dev.dapple.journey.JsonTemplate;

/** Writes a step's JSON body with its string templates rendered; keys and scalars exactly as written. */
final class JsonBodies {

    private JsonBodies() {
    }

    static String render(JsonTemplate json, RunValues values) {
        var out = new StringBuilder();
        write(json, values, out);
        return out.toString();
    }

    private static void write(JsonTemplate json, RunValues values, StringBuilder out) {
        switch (json) {
            case JsonTemplate.JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (var member : object.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), values, out);
                }
                out.append('}');
            }
            case JsonTemplate.JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.items().get(i), values, out);
                }
                out.append(']');
            }
            case JsonTemplate.JsonString string -> string(values.render(string.value()), out);
            case JsonTemplate.JsonNumber number -> out.append(number.value().toPlainString());
            case JsonTemplate.JsonBoolean bool -> out.append(bool.value());
            case JsonTemplate.JsonNull ignored -> out.append("null");
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

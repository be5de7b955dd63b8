package dev.dapple.journey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A JSON body as written in YAML, with templates in its string values (object keys are literal). */
public sealed interface JsonTemplate {

    record JsonObject(Map<String, JsonTemplate> members) implements JsonTemplate {
        public JsonObject {
            members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
        }
    }

    record JsonArray(List<JsonTemplate> items) implements JsonTemplate {
        public JsonArray {
            items = List.copyOf(items);
        }
    }

    record JsonString(Template value) implements JsonTemplate {
    }

    record JsonNumber(BigDecimal value) implements JsonTemplate {
    }

    record JsonBoolean(boolean value) implements JsonTemplate {
    }

    record JsonNull() implements JsonTemplate {
    }
}

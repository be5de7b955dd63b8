package dev.dapple.journey;

import java.util.Map;

/** A step's request body: at most one of {@code json}, {@code form} or {@code text}. */
public sealed interface Body {

    record NoBody() implements Body {
    }

    /** Sent as {@code application/json}. */
    record JsonBody(JsonTemplate value) implements Body {
    }

    /** Sent as {@code application/x-www-form-urlencoded}, fields in file order. */
    record FormBody(Map<String, Template> fields) implements Body {
        public FormBody {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** Sent as {@code text/plain; charset=utf-8} unless the step sets Content-Type. */
    record TextBody(Template text) implements Body {
    }
}

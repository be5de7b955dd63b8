package dev.dapple.journey;

import java.util.Locale;

/** The request a step sends; the step's key is the lower-case name ({@code get: URL}). */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

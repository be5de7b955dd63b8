package dev.dapple.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * One configured channel, {@code dapple.channels.NAME.*}, with secrets already resolved.
 *
 * @param fields the type's fields by name as written (kebab-case), values resolved; never logged or shown
 * @param drills whether it also receives drill incidents and drill notices
 */
public record ChannelSettings(String name, String type, Map<String, String> fields, boolean drills) {

    public ChannelSettings {
        fields = Map.copyOf(fields);
    }

    public Optional<String> field(String field) {
        return Optional.ofNullable(fields.get(field)).filter(value -> !value.isBlank());
    }

    /** A field the type declares required: {@link Channels} checked it is present. */
    public String required(String field) {
        return field(field).orElseThrow(() -> new IllegalStateException(key(field) + " is not set"));
    }

    /** The URL in {@code url}, or {@code fallback} (a vendor's public endpoint) when unset. */
    public URI url(String fallback) {
        return URI.create(field("url").orElse(fallback));
    }

    /**
     * Why {@code url}, when set, is unusable; the message leaves the value out, since a webhook URL is often its own
     * secret.
     */
    public Optional<String> urlProblem() {
        return field("url").filter(url -> !isHttpUrl(url))
                .map(url -> key("url") + " must be an absolute http:// or https:// URL");
    }

    /** The one check of a configured http(s) URL (channels, the heartbeat): absolute, http or https, with a host. */
    public static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public String key(String field) {
        return Channels.PREFIX + "." + name + "." + field;
    }

    @Override
    public String toString() {
        return "channel " + name + " (" + type + ")"; // never the fields: they hold secrets
    }
}

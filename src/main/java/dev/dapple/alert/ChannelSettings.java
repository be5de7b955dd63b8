package dev.dapple.alert;

import java.net.URI;
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

    public String key(String field) {
        return Channels.PREFIX + "." + name + "." + field;
    }

    @Override
    public String toString() {
        return "channel " + name + " (" + type + ")"; // never the fields: they hold secrets
    }
}

package dev.dapple.alert;

import dev.dapple.journey.Suggestions;
import dev.dapple.secret.Secrets;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured alert channels, {@code dapple.channels.NAME.*}, checked at start: an unknown type, a missing or
 * unknown field or a secret that cannot be found stops the server with a message naming the key, rather than
 * failing at 3 a.m. when the first page is due. A field written {@code secret:NAME} takes its value from the secret
 * NAME (a file in {@code dapple.secrets-dir}, else the environment variable).
 */
@Singleton
public final class Channels {

    public static final String PREFIX = "dapple.channels";
    static final String SECRET_PREFIX = "secret:";
    /** The outbox's and alert_channels' channel columns hold at most this many characters. */
    static final int NAME_LIMIT = 100;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    /** A configured channel and the type that formats its messages. */
    public record Channel(ChannelSettings settings, ChannelType type) {

        public String name() {
            return settings.name();
        }
    }

    private final Map<String, Channel> byName;

    @Inject
    Channels(Environment environment, List<ChannelType> types, Secrets secrets) {
        this(raw(environment), types, secrets);
    }

    /** @param raw each channel's fields as written, by channel name */
    Channels(Map<String, Map<String, String>> raw, List<ChannelType> types, Secrets secrets) {
        Map<String, ChannelType> byType = types.stream()
                .collect(Collectors.toMap(ChannelType::type, Function.identity(), (a, b) -> a, TreeMap::new));
        var channels = new TreeMap<String, Channel>();
        raw.forEach((name, fields) -> channels.put(name, channel(name, fields, byType, secrets)));
        this.byName = java.util.Collections.unmodifiableMap(channels);
    }

    public Optional<Channel> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every channel, by name. */
    public Collection<Channel> all() {
        return byName.values();
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * The names of the channels configured in {@code environment}, without checking them or resolving secrets: for
     * {@code dapple validate}, which checks journey files on a machine that may not hold the secrets.
     */
    public static Set<String> configuredNames(Environment environment) {
        return raw(environment).keySet();
    }

    private static Channel channel(String name, Map<String, String> fields, Map<String, ChannelType> types,
                                   Secrets secrets) {
        String key = PREFIX + "." + name;
        if (name.length() > NAME_LIMIT || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(key + ": a channel name is 1 to " + NAME_LIMIT + " of the characters"
                    + " A-Z, a-z, 0-9, '_' and '-' (a '.' would split the key)");
        }
        String typeName = fields.get("type");
        if (typeName == null || typeName.isBlank()) {
            throw new IllegalArgumentException(key + ".type is required: one of " + String.join(", ", types.keySet()));
        }
        ChannelType type = types.get(typeName.strip());
        if (type == null) {
            throw new IllegalArgumentException(key + ".type must be one of " + String.join(", ", types.keySet())
                    + ", not '" + typeName + "'" + Suggestions.didYouMean(typeName.strip(), types.keySet()));
        }
        Set<String> known = new TreeSet<>(type.requiredFields());
        known.addAll(type.optionalFields());
        known.add("drills");
        var values = new LinkedHashMap<String, String>();
        List<String> problems = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (field.equals("type")) {
                return;
            }
            if (!known.contains(field)) {
                problems.add(key + "." + field + " is not a field of a " + type.type() + " channel"
                        + Suggestions.didYouMean(field, known) + "; its fields: " + String.join(", ", known));
                return;
            }
            values.put(field, resolve(key + "." + field, value, secrets, problems));
        });
        for (String required : type.requiredFields()) {
            if (values.getOrDefault(required, "").isBlank()) {
                problems.add(key + "." + required + " is required for a " + type.type() + " channel");
            }
        }
        String drills = values.remove("drills");
        if (drills != null && !drills.equals("true") && !drills.equals("false")) {
            problems.add(key + ".drills must be true or false, not '" + drills + "'");
        }
        var settings = new ChannelSettings(name, type.type(), values, "true".equals(drills));
        if (problems.isEmpty()) {
            problems.addAll(type.problems(settings));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Channel(settings, type);
    }

    private static String resolve(String key, String value, Secrets secrets, List<String> problems) {
        String text = value.strip();
        if (!text.startsWith(SECRET_PREFIX)) {
            return text;
        }
        String secret = text.substring(SECRET_PREFIX.length()).strip();
        Optional<String> resolved = secret.isEmpty() ? Optional.empty() : secrets.get(secret);
        if (resolved.isEmpty()) {
            problems.add(key + " names secret '" + secret + "', which is neither a file in dapple.secrets-dir nor"
                    + " a non-empty environment variable");
            return "";
        }
        return resolved.get();
    }

    /**
     * {@code dapple.channels.*} as written: channel name → field → text. An environment variable such as
     * {@code DAPPLE_CHANNELS_PD_ROUTING_KEY} also shows up under every other way to split its name
     * ({@code pd-routing.key}, {@code pd.routing.key}, …): only leaves count as fields, and while such variables are
     * set, an entry without a {@code type} is taken for one of those shadows rather than a channel.
     */
    private static Map<String, Map<String, String>> raw(Environment environment) {
        boolean fromVariables = System.getenv().keySet().stream().anyMatch(name -> name.startsWith("DAPPLE_CHANNELS_"));
        var channels = new TreeMap<String, Map<String, String>>();
        for (String name : environment.getPropertyEntries(PREFIX)) {
            String key = PREFIX + "." + name;
            var fields = new TreeMap<String, String>();
            for (String field : environment.getPropertyEntries(key)) {
                if (environment.getPropertyEntries(key + "." + field).isEmpty()) {
                    environment.getProperty(key + "." + field, String.class).ifPresent(value -> fields.put(field, value));
                }
            }
            if (!fields.isEmpty() && !(fromVariables && !fields.containsKey("type"))) {
                channels.put(name, fields);
            }
        }
        return channels;
    }
}

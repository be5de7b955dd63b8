package dev.dapple.alert;

import dev.dapple.journey.Severity;
import dev.dapple.journey.Suggestions;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dapple.alert.defaults.critical|high|low}: the channels of a journey whose {@code alert} block names none, by
 * its severity. Ticket-level burn alerts and invalid-file notices go to {@code low} only: they open nothing that a
 * resolve would close, so they must not page. Checked when created: a name that
 * is not a configured channel stops the server with a message naming the key (created at start for that; not in
 * the CLI, whose commands send no alerts).
 */
@Context
@Requires(notEnv = Environment.CLI)
public final class AlertDefaults {

    public static final String PREFIX = "dapple.alert.defaults";

    private final Map<Severity, List<String>> bySeverity;

    @Inject
    AlertDefaults(Environment environment, Channels channels) {
        this(read(environment), channels.names());
    }

    AlertDefaults(Map<Severity, List<String>> bySeverity, Set<String> configured) {
        var problems = new ArrayList<String>();
        bySeverity.forEach((severity, names) -> {
            for (String name : names) {
                if (!configured.contains(name)) {
                    problems.add(key(severity) + " names channel '" + name + "', which is not configured"
                            + Suggestions.didYouMean(name, configured) + "; configured channels ("
                            + Channels.PREFIX + ".NAME.type): "
                            + (configured.isEmpty() ? "none" : String.join(", ", new TreeSet<>(configured))));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var copy = new EnumMap<Severity, List<String>>(Severity.class);
        bySeverity.forEach((severity, names) -> copy.put(severity, List.copyOf(new LinkedHashSet<>(names))));
        this.bySeverity = copy;
    }

    /** The default channels for {@code severity}; possibly none. */
    public List<String> forSeverity(Severity severity) {
        return bySeverity.getOrDefault(severity, List.of());
    }

    static String key(Severity severity) {
        return PREFIX + "." + severity.name().toLowerCase(Locale.ROOT);
    }

    private static Map<Severity, List<String>> read(Environment environment) {
        var bySeverity = new EnumMap<Severity, List<String>>(Severity.class);
        for (Severity severity : Severity.values()) {
            List<String> names = environment.getProperty(key(severity), String[].class)
                    .map(List::of).orElse(List.of()).stream()
                    .map(String::strip).filter(name -> !name.isEmpty()).toList();
            bySeverity.put(severity, names);
        }
        return bySeverity;
    }
}

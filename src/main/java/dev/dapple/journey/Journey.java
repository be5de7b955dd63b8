package dev.dapple.journey;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journey as loaded from one file, validated and with every default applied.
 *
 * @param locations   where it runs; empty means every location
 * @param variables   resolved once at the start of each run, in file order (a variable may use earlier ones)
 * @param timeout     for the whole run; below the interval when set, else the smaller of 30 s and the interval
 * @param contentHash SHA-256 (hex) of the file's bytes: the version of this journey
 */
public record Journey(String name, String description, String owner, Severity severity, Optional<URI> runbook,
                      List<String> tags, Duration interval, Duration timeout, List<String> locations,
                      Map<String, Template> variables, List<Step> steps, Optional<Slo> slo, AlertPolicy alert,
                      Path sourcePath, String contentHash) {

    public Journey {
        tags = List.copyOf(tags);
        locations = List.copyOf(locations);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        steps = List.copyOf(steps);
    }

    public boolean runsEverywhere() {
        return locations.isEmpty();
    }

    public Optional<Step> step(String stepName) {
        return steps.stream().filter(step -> step.name().equals(stepName)).findFirst();
    }
}

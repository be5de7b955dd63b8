package dev.dapple.catalog;

import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes one scan of the journey files into the catalog tables, in one transaction so readers never see half a
 * catalog. Compares with what is stored and writes only the differences: an unchanged scan writes nothing.
 */
@Singleton
public class CatalogWriter {

    /** A valid journey file as read: its journey's name, version, path and the exact text that hashes to it. */
    public record Candidate(String name, String contentHash, String sourcePath, String definition) {
    }

    /** @param invalidFiles paths of files with errors: their journeys' published versions stay */
    public record Scan(List<Candidate> valid, List<JourneyError> errors, Set<String> invalidFiles) {
    }

    private final PublishedJourneyRepository journeys;
    private final JourneyVersionRepository versions;
    private final CatalogErrorRepository errors;

    public CatalogWriter(PublishedJourneyRepository journeys, JourneyVersionRepository versions,
                         CatalogErrorRepository errors) {
        this.journeys = journeys;
        this.versions = versions;
        this.errors = errors;
    }

    /** @return one line per change, for the log; empty when the catalog already matched the scan */
    @Transactional
    public List<String> write(Scan scan, Instant now) {
        var changes = new ArrayList<String>();
        Map<String, PublishedJourney> stored = journeys.findAll().stream()
                .collect(Collectors.toMap(PublishedJourney::name, Function.identity()));
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : scan.valid()) {
            seen.add(candidate.name());
            PublishedJourney current = stored.get(candidate.name());
            if (current != null && current.contentHash().equals(candidate.contentHash())
                    && current.sourcePath().equals(candidate.sourcePath())) {
                continue;
            }
            var key = new JourneyVersion.Key(candidate.name(), candidate.contentHash());
            if (!versions.existsById(key)) {
                versions.save(new JourneyVersion(key, candidate.definition(), now));
            }
            var row = new PublishedJourney(candidate.name(), candidate.contentHash(), candidate.sourcePath(), now);
            if (current == null) {
                journeys.save(row);
            } else {
                journeys.update(row);
            }
            changes.add("published " + candidate.name() + " (" + shortHash(candidate.contentHash()) + "…)");
        }
        for (PublishedJourney row : stored.values()) {
            // An invalid file keeps its last valid version running; only a file that is gone (or now holds
            // another journey) takes its journey out.
            if (!seen.contains(row.name()) && !scan.invalidFiles().contains(row.sourcePath())) {
                journeys.deleteById(row.name());
                changes.add("removed " + row.name());
            }
        }
        replaceErrors(scan, now, changes);
        return changes;
    }

    private void replaceErrors(Scan scan, Instant now, List<String> changes) {
        List<CatalogError> old = errors.findAll();
        Set<JourneyError> before = old.stream().map(CatalogError::toJourneyError).collect(Collectors.toSet());
        Set<JourneyError> after = new HashSet<>(scan.errors().stream().map(e -> CatalogError.of(e, now).toJourneyError()).toList());
        if (before.equals(after)) {
            return;
        }
        Map<JourneyError, Instant> detected = new HashMap<>();
        old.forEach(e -> detected.putIfAbsent(e.toJourneyError(), e.detectedAt()));
        errors.deleteAll();
        errors.saveAll(after.stream().sorted()
                .map(e -> new CatalogError(null, e.path(), e.line(), e.column(), e.message(), detected.getOrDefault(e, now)))
                .toList());
        Set<String> publishedPaths = journeys.findAll().stream().map(PublishedJourney::sourcePath).collect(Collectors.toSet());
        Set<String> pathsBefore = paths(before).keySet();
        paths(after).forEach((path, first) -> {
            if (before.containsAll(after.stream().filter(e -> e.path().equals(path)).toList()) && pathsBefore.contains(path)) {
                return; // this file's errors were already known and logged
            }
            changes.add(path + (publishedPaths.contains(path) ? ": invalid, keeping the published version: " : ": invalid: ")
                    + first.message() + " (line " + first.line() + ")");
        });
        for (String path : pathsBefore) {
            if (!paths(after).containsKey(path)) {
                changes.add(path + ": no longer invalid");
            }
        }
    }

    /** The first error of each file, by path. */
    private static Map<String, JourneyError> paths(Collection<JourneyError> errors) {
        var first = new TreeMap<String, JourneyError>();
        errors.stream().sorted().forEach(e -> first.putIfAbsent(e.path(), e));
        return first;
    }

    static String shortHash(String hash) {
        return hash.length() > 8 ? hash.substring(0, 8) : hash;
    }
}

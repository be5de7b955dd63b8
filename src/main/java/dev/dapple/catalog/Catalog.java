package dev.dapple.catalog;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.ParseResult;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published catalog as every server reads it: the journeys parsed back from their stored definitions, never
 * from the files, so every server serves exactly what the leader published, and the last valid version survives a
 * restart while its file is invalid.
 */
@Singleton
public class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /** A version is immutable, so its parse is cached by name, hash and path; a failed parse is logged once. */
    private record Key(String name, String contentHash, String sourcePath) {
        static Key of(PublishedJourney row) {
            return new Key(row.name(), row.contentHash(), row.sourcePath());
        }
    }

    private final PublishedJourneyRepository journeys;
    private final JourneyVersionRepository versions;
    private final CatalogErrorRepository errors;
    private final Map<Key, Optional<Journey>> parsed = new ConcurrentHashMap<>();

    public Catalog(PublishedJourneyRepository journeys, JourneyVersionRepository versions, CatalogErrorRepository errors) {
        this.journeys = journeys;
        this.versions = versions;
        this.errors = errors;
    }

    /** The published rows, by name. */
    public List<PublishedJourney> published() {
        return journeys.findAllOrderByName();
    }

    /** The published journeys, by name; a stored version that no longer parses is left out. */
    public List<Journey> current() {
        var result = new ArrayList<Journey>();
        Set<Key> live = new HashSet<>();
        for (PublishedJourney row : published()) {
            live.add(Key.of(row));
            parsed(row).ifPresent(result::add);
        }
        parsed.keySet().retainAll(live);
        return result;
    }

    /** One published journey by name (one indexed read); empty when it is not published or no longer parses. */
    public Optional<Journey> current(String name) {
        return journeys.findById(name).flatMap(this::parsed);
    }

    /**
     * One published journey by name, read on {@code connection}: for a caller inside a transaction that holds locks,
     * which must not wait on a second pooled connection. Parses like {@link #current(String)}, sharing its cache.
     */
    public Optional<Journey> current(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT j.content_hash, j.source_path,"
                + " v.definition FROM journeys j LEFT JOIN journey_versions v ON v.journey = j.name"
                + " AND v.content_hash = j.content_hash WHERE j.name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Key key = new Key(name, rows.getString(1), rows.getString(2));
                Optional<String> definition = Optional.ofNullable(rows.getString(3));
                return parsed.computeIfAbsent(key, k -> parse(k, definition));
            }
        }
    }

    /** A published row's journey; empty when its stored version no longer parses. */
    public Optional<Journey> parsed(PublishedJourney row) {
        return parsed.computeIfAbsent(Key.of(row), this::parse);
    }

    /** The journeys a probe at {@code location} runs: those for every location and those naming it. */
    public List<Journey> assignments(String location) {
        return current().stream().filter(j -> j.runsEverywhere() || j.locations().contains(location)).toList();
    }

    /** The current validation errors of the journey files, by path and position. */
    public List<JourneyError> errors() {
        return errors.findAll().stream().map(CatalogError::toJourneyError).sorted().toList();
    }

    private Optional<Journey> parse(Key key) {
        return parse(key, versions.findById(new JourneyVersion.Key(key.name(), key.contentHash()))
                .map(JourneyVersion::definition));
    }

    private static Optional<Journey> parse(Key key, Optional<String> definition) {
        if (definition.isEmpty()) {
            LOG.error("Catalog: {} is published as version {} but that version is not stored; leaving it out",
                    key.name(), CatalogWriter.shortHash(key.contentHash()));
            return Optional.empty();
        }
        byte[] bytes = definition.get().getBytes(StandardCharsets.UTF_8);
        return switch (JourneyParser.parse(key.sourcePath(), bytes, Path.of(key.sourcePath()))) {
            case ParseResult.Parsed p -> Optional.of(p.journey());
            case ParseResult.Invalid(List<JourneyError> found) -> {
                LOG.error("Catalog: the published version {} of {} no longer parses, leaving it out: {}",
                        CatalogWriter.shortHash(key.contentHash()), key.name(), found.isEmpty() ? "?" : found.getFirst());
                yield Optional.empty();
            }
        };
    }
}

package dev.dapple.catalog;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyError;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.result.LatestRuns;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The journeys as the read API lists them: the published catalog, the current validation errors and the newest run
 * of each journey at each location. Three queries however many journeys (the catalog, its errors, the newest runs),
 * plus a version's stored text the first time the catalog parses it.
 *
 * <p>"Current" is bounded so the runs query reads a few rows per journey and location however many days of runs are
 * kept: a journey's newest run counts when it was planned within the last {@value #CURRENT_INTERVALS} intervals of
 * the journey, and at least within {@link #CURRENT_AT_LEAST}. A journey that has not run for longer shows no current
 * outcome there, which is itself the news: nothing is probing it.
 */
@Singleton
public class JourneyListing {

    static final int CURRENT_INTERVALS = 3;
    static final Duration CURRENT_AT_LEAST = Duration.ofMinutes(10);

    private final Catalog catalog;
    private final LatestRuns latestRuns;

    public JourneyListing(Catalog catalog, LatestRuns latestRuns) {
        this.catalog = catalog;
        this.latestRuns = latestRuns;
    }

    /** Every published journey by name, then the files that never had a valid version, by path. */
    public List<JourneyItem> all(Instant now) throws SQLException {
        return items(catalog.published(), now, true);
    }

    /** One published journey with its full definition; empty when no journey of that name is published. */
    public Optional<JourneyItem> one(String name, Instant now) throws SQLException {
        List<PublishedJourney> row = catalog.published().stream().filter(r -> r.name().equals(name)).toList();
        return items(row, now, false).stream().findFirst().map(item -> catalog.parsed(row.getFirst())
                .map(journey -> item.withDefinition(JourneyDefinition.of(journey))).orElse(item));
    }

    /** The names of the published journeys, sorted: what an unknown name is compared with. */
    public List<String> names() {
        return catalog.published().stream().map(PublishedJourney::name).toList();
    }

    /** How far back a journey's newest run still counts as its current outcome. */
    static Duration currentBound(Duration interval) {
        Duration intervals = interval.multipliedBy(CURRENT_INTERVALS);
        return intervals.compareTo(CURRENT_AT_LEAST) > 0 ? intervals : CURRENT_AT_LEAST;
    }

    private List<JourneyItem> items(List<PublishedJourney> rows, Instant now, boolean withInvalidFiles)
            throws SQLException {
        Map<String, List<JourneyError>> errors = catalog.errors().stream()
                .collect(Collectors.groupingBy(JourneyError::path, TreeMap::new, Collectors.toList()));
        Map<String, Optional<Journey>> parsed = new LinkedHashMap<>();
        Map<String, Instant> since = new LinkedHashMap<>();
        for (PublishedJourney row : rows) {
            Optional<Journey> journey = catalog.parsed(row);
            parsed.put(row.name(), journey);
            since.put(row.name(), now.minus(journey.map(j -> currentBound(j.interval())).orElse(CURRENT_AT_LEAST)));
        }
        Map<String, List<LatestRuns.Latest>> latest = latestRuns.newest(since);
        var items = new ArrayList<JourneyItem>();
        Set<String> publishedPaths = new HashSet<>();
        for (PublishedJourney row : rows) {
            publishedPaths.add(row.sourcePath());
            List<LatestRuns.Latest> runs = latest.getOrDefault(row.name(), List.of());
            Instant lastRunAt = runs.stream().map(LatestRuns.Latest::plannedAt).max(Instant::compareTo).orElse(null);
            items.add(new JourneyItem(row.name(), parsed.get(row.name()).map(JourneySummary::of).orElse(null),
                    row.contentHash(), row.sourcePath(), row.publishedAt(), runs.stream().map(JourneyItem.Current::of).toList(),
                    lastRunAt, views(errors.getOrDefault(row.sourcePath(), List.of())), null));
        }
        if (withInvalidFiles) {
            errors.forEach((path, fileErrors) -> {
                if (!publishedPaths.contains(path)) {
                    items.add(new JourneyItem(null, null, null, path, null, List.of(), null, views(fileErrors), null));
                }
            });
        }
        return items;
    }

    private static List<CatalogController.ErrorView> views(List<JourneyError> errors) {
        return errors.stream().sorted().map(CatalogController.ErrorView::of).toList();
    }
}

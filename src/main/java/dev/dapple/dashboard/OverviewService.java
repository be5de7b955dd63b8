package dev.dapple.dashboard;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.probe.remote.ProbesOverview;
import dev.dapple.result.LatestRuns;
import dev.dapple.rollup.LastHourLatency;
import dev.dapple.slo.EffectiveSlo;
import dev.dapple.slo.SloConfiguration;
import dev.dapple.slo.SloSnapshots;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the overview from what is stored: the evaluator's snapshots (never recomputed), the newest runs, open
 * incidents, probes and broken files. One query per kind of data, never one per journey.
 */
@Singleton
public final class OverviewService {

    public static final String BY_OWNER = "owner";
    public static final String BY_TAG = "tag";
    static final String NO_OWNER = "(no owner)";
    static final String NO_TAG = "(no tag)";
    /** How far back a journey's newest runs are looked for: a few intervals, and at least this. */
    private static final Duration MIN_LOOKBACK = Duration.ofMinutes(15);
    private static final int LOOKBACK_INTERVALS = 5;
    private static final int MAX_OPEN_INCIDENTS = 10_000;

    private final Catalog catalog;
    private final SloSnapshots snapshots;
    private final LatestRuns latestRuns;
    private final Incidents incidents;
    private final ProbesOverview probes;
    private final LastHourLatency latency;
    private final SloConfiguration sloDefaults;
    private final Clock clock;

    OverviewService(Catalog catalog, SloSnapshots snapshots, LatestRuns latestRuns, Incidents incidents,
                    ProbesOverview probes, LastHourLatency latency, SloConfiguration sloDefaults, Clock clock) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.latestRuns = latestRuns;
        this.incidents = incidents;
        this.probes = probes;
        this.latency = latency;
        this.sloDefaults = sloDefaults;
        this.clock = clock;
    }

    /**
     * @param grouping {@link #BY_OWNER} or {@link #BY_TAG}; anything else is refused
     * @param filter   only the journeys of this owner (or with this tag); null for all
     */
    public OverviewPage page(String grouping, @Nullable String filter, String journeysDir,
                             OverviewPage.About about) throws SQLException {
        if (!grouping.equals(BY_OWNER) && !grouping.equals(BY_TAG)) {
            throw new IllegalArgumentException("group must be owner or tag, not '" + grouping + "'");
        }
        Instant now = clock.instant();
        List<Journey> journeys = catalog.current();
        Map<String, SloSnapshots.Headline> headlines = snapshots.headlines().stream()
                .collect(Collectors.toMap(SloSnapshots.Headline::journey, Function.identity()));
        Map<String, Instant> since = new HashMap<>();
        for (Journey journey : journeys) {
            Duration lookback = journey.interval().multipliedBy(LOOKBACK_INTERVALS);
            since.put(journey.name(), now.minus(lookback.compareTo(MIN_LOOKBACK) < 0 ? MIN_LOOKBACK : lookback));
        }
        Map<String, List<LatestRuns.Latest>> latest = latestRuns.newest(since);
        Map<String, Incident> open = new HashMap<>();
        List<Incident> openIncidents = incidents.list(Incidents.State.OPEN, null, MAX_OPEN_INCIDENTS);
        openIncidents.forEach(incident -> open.putIfAbsent(incident.journey(), incident)); // newest first
        Optional<LastHourLatency.Hour> hour = latency.lastHour();

        List<OverviewPage.Row> rows = new ArrayList<>();
        for (Journey journey : journeys) {
            rows.add(row(journey, headlines.get(journey.name()), latest.getOrDefault(journey.name(), List.of()),
                    open.get(journey.name()), hour.map(h -> h.p95Micros().get(journey.name())).orElse(null)));
        }
        rows.sort(Comparator.comparing(OverviewPage.Row::health).thenComparing(OverviewPage.Row::name));
        OverviewPage.Counts counts = new OverviewPage.Counts(count(rows, Health.DOWN), count(rows, Health.DEGRADED),
                count(rows, Health.NO_DATA), count(rows, Health.UP), openIncidents.size(), probes.silentLocations(journeys));
        Function<OverviewPage.Row, List<String>> keys = grouping.equals(BY_OWNER)
                ? r -> List.of(r.owner().isBlank() ? NO_OWNER : r.owner())
                : r -> r.tags().isEmpty() ? List.of(NO_TAG) : r.tags();
        TreeSet<String> choices = new TreeSet<>();
        Map<String, List<OverviewPage.Row>> grouped = new TreeMap<>();
        for (OverviewPage.Row row : rows) {
            for (String key : keys.apply(row)) {
                choices.add(key);
                if (filter == null || filter.equals(key)) {
                    grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                }
            }
        }
        List<OverviewPage.Group> groups = grouped.entrySet().stream()
                .map(e -> new OverviewPage.Group(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(OverviewPage.Group::worst).thenComparing(OverviewPage.Group::name))
                .toList();
        return new OverviewPage(now, counts, grouping, filter, List.copyOf(choices), groups, journeys.size(),
                catalog.errors(), hour.map(LastHourLatency.Hour::from).orElse(null),
                hour.map(LastHourLatency.Hour::to).orElse(null), journeysDir, about);
    }

    private OverviewPage.Row row(Journey journey, @Nullable SloSnapshots.Headline headline,
                                 List<LatestRuns.Latest> latest, @Nullable Incident incident,
                                 @Nullable Long p95Micros) {
        EffectiveSlo slo = EffectiveSlo.of(journey, sloDefaults);
        Health health = headline == null ? Health.NO_DATA : Health.of(headline.state());
        Instant lastRun = latest.stream().map(LatestRuns.Latest::plannedAt).max(Comparator.naturalOrder()).orElse(null);
        return new OverviewPage.Row(journey.name(), journey.owner(), journey.tags(), health,
                journey.runbook().map(URI::toString).orElse(null), incident == null ? null : incident.startedAt(),
                latest.stream().map(l -> new OverviewPage.LocationOutcome(l.location(), l.outcome(), l.plannedAt()))
                        .toList(),
                headline == null ? null : headline.sli(),
                slo.objectives().getFirst().target().percent().stripTrailingZeros().toPlainString() + "%",
                window(slo.window()), headline == null ? null : headline.budgetRemaining(),
                headline == null ? null : headline.burnRate1h(), p95Micros == null ? null : p95Micros / 1000.0,
                lastRun);
    }

    private static String window(Slo.Window window) {
        return switch (window) {
            case Slo.Window.Rolling(Duration length) -> DurationParser.format(length);
            case Slo.Window.Calendar(Slo.Window.Period period) ->
                    period == Slo.Window.Period.MONTH ? "this month" : "this week";
        };
    }

    private static int count(List<OverviewPage.Row> rows, Health health) {
        return (int) rows.stream().filter(r -> r.health() == health).count();
    }
}

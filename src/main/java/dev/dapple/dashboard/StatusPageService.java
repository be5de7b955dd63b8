package dev.dapple.dashboard;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.rollup.AvailabilitySums;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.JourneyState;
import dev.dapple.slo.SloSnapshots;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the public status page. A group is a tag (journeys without one are under {@link #UNTAGGED}; a journey with
 * several tags is in each): tags name what users see ("checkout", "search"), where owners name teams. Uptime is the
 * SLO rollups' availability counts pooled over the group's journeys and locations, per UTC day.
 */
@Singleton
public final class StatusPageService {

    static final String UNTAGGED = "Other services";
    static final int DAYS = 90;

    private final Catalog catalog;
    private final SloSnapshots snapshots;
    private final AvailabilitySums sums;
    private final Clock clock;

    StatusPageService(Catalog catalog, SloSnapshots snapshots, AvailabilitySums sums, Clock clock) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.sums = sums;
        this.clock = clock;
    }

    public StatusPage page() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        List<Journey> journeys = catalog.current();
        Map<String, JourneyState> states = snapshots.headlines().stream()
                .collect(Collectors.toMap(SloSnapshots.Headline::journey, SloSnapshots.Headline::state));
        Map<String, Map<Instant, EventCounts>> daily = sums.daily(first.atStartOfDay(ZoneOffset.UTC).toInstant(), now);
        Map<String, List<Journey>> groups = new TreeMap<>();
        for (Journey journey : journeys) {
            for (String tag : journey.tags().isEmpty() ? List.of(UNTAGGED) : journey.tags()) {
                groups.computeIfAbsent(tag, t -> new ArrayList<>()).add(journey);
            }
        }
        List<StatusPage.Group> result = new ArrayList<>();
        groups.forEach((name, members) -> result.add(group(name, members, states, daily, first)));
        result.sort(Comparator.comparing(StatusPage.Group::health).thenComparing(StatusPage.Group::name));
        Health overall = result.stream().map(StatusPage.Group::health).min(Comparator.naturalOrder())
                .orElse(Health.NO_DATA);
        return new StatusPage(now, overall, result, journeys.size());
    }

    private static StatusPage.Group group(String name, List<Journey> members, Map<String, JourneyState> states,
                                          Map<String, Map<Instant, EventCounts>> daily, LocalDate first) {
        Health health = members.stream()
                .map(j -> Health.of(states.getOrDefault(j.name(), JourneyState.NO_DATA)))
                .min(Comparator.naturalOrder()).orElse(Health.NO_DATA);
        List<StatusPage.Day> days = new ArrayList<>();
        EventCounts total = EventCounts.NONE;
        for (int d = 0; d < DAYS; d++) {
            LocalDate date = first.plusDays(d);
            Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            EventCounts day = EventCounts.NONE;
            for (Journey journey : members) {
                day = day.plus(daily.getOrDefault(journey.name(), Map.of()).getOrDefault(start, EventCounts.NONE));
            }
            total = total.plus(day);
            days.add(new StatusPage.Day(date, share(day)));
        }
        return new StatusPage.Group(name, health, members.stream().map(Journey::name).toList(), share(total), days);
    }

    private static Double share(EventCounts counts) {
        return counts.sli().isPresent() ? counts.sli().getAsDouble() : null;
    }
}

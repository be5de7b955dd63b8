package dev.dapple.dashboard;

import dev.dapple.catalog.Catalog;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Step;
import dev.dapple.probe.ProbeDirectory;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.rollup.AvailabilitySums;
import dev.dapple.rollup.BucketSize;
import dev.dapple.slo.EventCounts;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the Dapple map from the stored SLO rollups' availability counts: one or two queries, never one per journey. */
@Singleton
public final class MapService {

    public static final String BY_LOCATION = "locations";
    public static final String BY_TIME = "time";
    static final Map<String, Duration> WINDOWS = Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7));
    static final int HOURS = 24;

    private final Catalog catalog;
    private final AvailabilitySums sums;
    private final ProbeDirectory probes;
    private final Clock clock;

    MapService(Catalog catalog, AvailabilitySums sums, ProbeDirectory probes, Clock clock) {
        this.catalog = catalog;
        this.sums = sums;
        this.probes = probes;
        this.clock = clock;
    }

    /**
     * @param view   {@link #BY_LOCATION} or {@link #BY_TIME}; anything else is refused
     * @param window {@code 1h}, {@code 24h} or {@code 7d} (the by-location view's span); anything else is refused
     */
    public MapPage page(String view, String window) throws SQLException {
        Duration span = WINDOWS.get(window);
        if (span == null) {
            throw new IllegalArgumentException("window must be 1h, 24h or 7d, not '" + window + "'");
        }
        if (!view.equals(BY_LOCATION) && !view.equals(BY_TIME)) {
            throw new IllegalArgumentException("view must be locations or time, not '" + view + "'");
        }
        Instant now = clock.instant();
        List<Journey> journeys = catalog.current();
        return view.equals(BY_TIME) ? byTime(now, window, journeys) : byLocation(now, window, span, journeys);
    }

    private MapPage byLocation(Instant now, String window, Duration span, List<Journey> journeys)
            throws SQLException {
        AvailabilitySums.Window counted = sums.window(span, now);
        TreeSet<String> locations = new TreeSet<>();
        counted.cells().keySet().forEach(cell -> locations.add(cell.location()));
        probes.probes().stream().map(ProbeStatus::location).forEach(locations::add);
        List<MapPage.Row> rows = new ArrayList<>();
        for (Journey journey : journeys) {
            rows.add(new MapPage.Row(journey.name(), null, cells(counted, journey.name(), null, locations)));
            for (Step step : journey.steps()) {
                rows.add(new MapPage.Row(journey.name(), step.name(),
                        cells(counted, journey.name(), step.name(), locations)));
            }
        }
        return new MapPage(now, BY_LOCATION, window, counted.from(), counted.to(), List.copyOf(locations), rows,
                journeys.size());
    }

    private static List<MapPage.Heat> cells(AvailabilitySums.Window counted, String journey, String step,
                                            TreeSet<String> locations) {
        List<MapPage.Heat> cells = new ArrayList<>();
        for (String location : locations) {
            EventCounts counts = counted.cells().getOrDefault(new AvailabilitySums.Cell(journey, step, location),
                    EventCounts.NONE);
            String what = (step == null ? journey : journey + " › " + step) + " at " + location;
            cells.add(heat(counts, what));
        }
        return cells;
    }

    private MapPage byTime(Instant now, String window, List<Journey> journeys) throws SQLException {
        Instant to = BucketSize.HOUR.floor(now);
        Instant from = to.minus(Duration.ofHours(HOURS));
        Map<String, Map<Instant, EventCounts>> hourly = sums.hourly(from, to);
        List<String> columns = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            columns.add(from.plus(Duration.ofHours(h)).atOffset(ZoneOffset.UTC).getHour() + ":00");
        }
        List<MapPage.Row> rows = new ArrayList<>();
        for (Journey journey : journeys) {
            Map<Instant, EventCounts> hours = hourly.getOrDefault(journey.name(), Map.of());
            List<MapPage.Heat> cells = new ArrayList<>();
            for (int h = 0; h < HOURS; h++) {
                Instant start = from.plus(Duration.ofHours(h));
                cells.add(heat(hours.getOrDefault(start, EventCounts.NONE), journey.name() + ", "
                        + Display.utc(start) + " + 1 h"));
            }
            rows.add(new MapPage.Row(journey.name(), null, cells));
        }
        return new MapPage(now, BY_TIME, window, from, to, columns, rows, journeys.size());
    }

    private static MapPage.Heat heat(EventCounts counts, String what) {
        Double availability = counts.sli().isPresent() ? counts.sli().getAsDouble() : null;
        String title = availability == null ? what + ": no runs counted"
                : what + ": " + Display.percent(availability) + " of " + counts.valid() + " runs good";
        return new MapPage.Heat(availability, counts.valid(), title);
    }
}

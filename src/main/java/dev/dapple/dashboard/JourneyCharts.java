package dev.dapple.dashboard;

import dev.dapple.dashboard.JourneyPage.IncidentRow;
import dev.dapple.maintenance.Annotation;
import dev.dapple.rollup.LatencyQuery;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The journey page's charts over its window, one {@link LatencyQuery#series} per line or strip row (bucket edges
 * align with the rollups, so each bucket merges a few rows): the journey's duration percentiles with incidents and annotations
 * marked, and availability per location as a strip.
 */
@Singleton
final class JourneyCharts {

    private final LatencyQuery latency;

    JourneyCharts(LatencyQuery latency) {
        this.latency = latency;
    }

    LineChart durations(String journey, PageWindow window, Instant now, List<IncidentRow> incidents,
                        List<Annotation> annotations) throws SQLException {
        List<LineChart.Point> p50 = new ArrayList<>();
        List<LineChart.Point> p95 = new ArrayList<>();
        List<LineChart.Point> p99 = new ArrayList<>();
        List<PageWindow.Span> buckets = window.buckets(now);
        List<LatencyQuery.Latency> series = latency.series(journey, null, null, edges(buckets), now);
        for (int i = 0; i < buckets.size(); i++) {
            PageWindow.Span bucket = buckets.get(i);
            LatencyQuery.Percentiles p = series.get(i).percentiles();
            p50.add(new LineChart.Point(bucket.to(), ms(p.p50())));
            p95.add(new LineChart.Point(bucket.to(), ms(p.p95())));
            p99.add(new LineChart.Point(bucket.to(), ms(p.p99())));
        }
        List<LineChart.Band> bands = incidents.stream().map(i -> new LineChart.Band(i.startedAt(), i.endedAt(),
                "Incident " + i.id() + " from " + Display.utc(i.startedAt()) + " to "
                        + (i.endedAt() == null ? "now (open)" : Display.utc(i.endedAt())))).toList();
        List<LineChart.Marker> markers = annotations.stream().map(a -> new LineChart.Marker(a.from(),
                a.text() + " (" + Display.utc(a.from()) + " to " + Display.utc(a.to()) + ")")).toList();
        return new LineChart("Duration percentiles of completed runs of " + journey + " over the last "
                + window.text() + " (p50, p95, p99), with " + bands.size() + " incidents and " + markers.size()
                + " annotations marked", now.minus(window.length()), now,
                List.of(new LineChart.Series("p50", p50), new LineChart.Series("p95", p95),
                        new LineChart.Series("p99", p99)), bands, markers, Display::millis);
    }

    Strip availability(String journey, List<String> locations, PageWindow window, Instant now) throws SQLException {
        List<Strip.Row> rows = new ArrayList<>();
        List<PageWindow.Span> buckets = window.buckets(now);
        for (String location : locations) {
            List<Strip.Cell> cells = new ArrayList<>();
            long good = 0;
            long valid = 0;
            List<LatencyQuery.Latency> series = latency.series(journey, null, location, edges(buckets), now);
            for (int i = 0; i < buckets.size(); i++) {
                Map<String, Long> counts = series.get(i).counts();
                Strip.Cell cell = cell(buckets.get(i), counts);
                cells.add(cell);
                good += counts.get("up") + counts.get("degraded");
                valid += counts.get("up") + counts.get("degraded") + counts.get("down");
            }
            String share = valid == 0 ? "no runs" : Display.percent((double) good / valid);
            rows.add(new Strip.Row(location + " · " + share, cells));
        }
        return new Strip("Availability of " + journey + " per location over the last " + window.text()
                + ", one cell per " + Display.span(window.bucket()), now.minus(window.length()), now, rows);
    }

    /** A bucket's state: up when every run was up, down when most were down, degraded in between. */
    static Strip.Cell cell(PageWindow.Span bucket, Map<String, Long> counts) {
        long up = counts.get("up");
        long degraded = counts.get("degraded");
        long down = counts.get("down");
        long error = counts.get("error");
        long valid = up + degraded + down;
        Health health;
        if (valid == 0) {
            health = Health.NO_DATA;
        } else if (down == 0 && degraded == 0) {
            health = Health.UP;
        } else if (down * 2 > valid) {
            health = Health.DOWN;
        } else {
            health = Health.DEGRADED;
        }
        String text = valid == 0 ? "no runs" : valid + " runs: " + up + " up, " + degraded + " degraded, " + down
                + " down";
        if (error > 0) {
            text += " (" + error + " probe errors not counted)";
        }
        return new Strip.Cell(bucket.from(), bucket.to(), health, text);
    }

    /** The buckets' edges: where the first starts, then where each ends (they are consecutive). */
    private static List<Instant> edges(List<PageWindow.Span> buckets) {
        List<Instant> edges = new ArrayList<>(buckets.size() + 1);
        edges.add(buckets.getFirst().from());
        buckets.forEach(bucket -> edges.add(bucket.to()));
        return edges;
    }

    private static Double ms(Long micros) {
        return micros == null ? null : micros / 1_000.0;
    }
}

package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * The Dapple map: availability as a heat map, by location (rows: journeys and their steps) or by hour (rows:
 * journeys).
 *
 * @param view      {@code locations} or {@code time}
 * @param window    the by-location view's span: {@code 1h}, {@code 24h} or {@code 7d}
 * @param from      the first planned time counted
 * @param to        where counting stops (the rolled-up part only)
 * @param columns   the column headings: locations, or hours as {@code HH:00}
 * @param published how many journeys are published: 0 makes the page say how to add one
 */
public record MapPage(Instant now, String view, String window, Instant from, Instant to, List<String> columns,
                      List<Row> rows, int published) {

    public MapPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A journey (step null) or one of its steps, with one cell per column. */
    public record Row(String journey, @Nullable String step, List<Heat> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One cell: availability (good / valid) of what it counts, null without valid events.
     *
     * @param title what the cell counts, in words, for its tooltip
     */
    public record Heat(@Nullable Double availability, long valid, String title) {

        /** The heat class in dapple.css: h4 at 99.9% or more, h3 from 99%, h2 from 95%, h1 from 90%, h0 below. */
        public String css() {
            if (availability == null) {
                return "none";
            }
            double percent = availability * 100;
            return percent >= 99.9 ? "h4" : percent >= 99 ? "h3" : percent >= 95 ? "h2" : percent >= 90 ? "h1" : "h0";
        }

        public String text() {
            return availability == null ? "no data" : Display.percent(availability);
        }
    }
}

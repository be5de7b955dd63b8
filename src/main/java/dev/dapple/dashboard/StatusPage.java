package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public status page: journey groups (one per tag), each with its current state and 90 daily uptime bars.
 * Nothing internal: no errors, URLs, locations or figures beyond uptime.
 */
public record StatusPage(Instant now, Health overall, List<Group> groups, int published) {

    public StatusPage {
        groups = List.copyOf(groups);
    }

    /**
     * @param health   the worst state of its journeys
     * @param uptime   over the days with data; null without any
     * @param days     oldest first, ending today (UTC)
     */
    public record Group(String name, Health health, List<String> journeys, @Nullable Double uptime,
                        List<Day> days) {
        public Group {
            journeys = List.copyOf(journeys);
            days = List.copyOf(days);
        }

        public String label() {
            return name + ": " + health.label() + ", " + (uptime == null ? "no data" : Display.percent(uptime)
                    + " uptime") + " over " + days.size() + " days";
        }
    }

    /** One day's uptime (good / counted runs of its journeys); null without data. */
    public record Day(LocalDate date, @Nullable Double uptime) {

        /** The bar's fill: up from 99.9%, degraded from 99%, down below; grey without data. */
        public String css() {
            if (uptime == null) {
                return "fill-nodata";
            }
            return uptime >= 0.999 ? "fill-up" : uptime >= 0.99 ? "fill-degraded" : "fill-down";
        }

        public String title() {
            return date + ": " + (uptime == null ? "no data" : Display.percent(uptime) + " uptime");
        }
    }
}

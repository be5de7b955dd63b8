package dev.dapple.dashboard;

import dev.dapple.journey.JourneyError;
import dev.dapple.result.Outcome;
import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What the overview shows: the header counts, every journey (failing first) in groups, broken journey files, and what
 * server this is.
 *
 * @param grouping    how rows are grouped: {@code owner} or {@code tag}
 * @param filter      the owner or tag the rows are limited to; null for all
 * @param choices     every owner (or tag) there is, for the filter links
 * @param published   how many journeys are published, before filtering: 0 makes the page say how to add one
 * @param latencyFrom the hour the p95 column covers (null before any hour is rolled up)
 * @param journeysDir where journey files are read from, for the empty state
 */
public record OverviewPage(Instant now, Counts counts, String grouping, @Nullable String filter, List<String> choices,
                           List<Group> groups, int published, List<JourneyError> brokenFiles,
                           @Nullable Instant latencyFrom, @Nullable Instant latencyTo, String journeysDir,
                           About about) {

    public OverviewPage {
        choices = List.copyOf(choices);
        groups = List.copyOf(groups);
        brokenFiles = List.copyOf(brokenFiles);
    }

    /** The overview's own address with a grouping and an optional filter. */
    public static String overviewHref(String grouping, @Nullable String only) {
        return "/?group=" + grouping + (only == null ? ""
                : "&only=" + URLEncoder.encode(only, StandardCharsets.UTF_8));
    }

    /** The header line, over every published journey whatever the filter. */
    public record Counts(int down, int degraded, int noData, int up, int openIncidents, int silentLocations) {
    }

    /** Journeys of one owner or tag, failing first. */
    public record Group(String name, List<Row> rows) {
        public Group {
            rows = List.copyOf(rows);
        }

        public Health worst() {
            return rows.isEmpty() ? Health.UP : rows.getFirst().health();
        }
    }

    /**
     * One journey.
     *
     * @param downSince       when its open incident started; null without one
     * @param target          its availability target, e.g. {@code 99.5%}
     * @param window          its SLO window, e.g. {@code 28d} or {@code month}
     * @param p95Millis       p95 run duration over the page's latency hour; null without completed runs in it
     * @param lastRun         the newest planned time among its latest runs; null without a recent run
     */
    public record Row(String name, String owner, List<String> tags, Health health, @Nullable String runbook,
                      @Nullable Instant downSince, List<LocationOutcome> locations, @Nullable Double sli,
                      String target, String window, @Nullable Double budgetRemaining, @Nullable Double burnRate1h,
                      @Nullable Double p95Millis, @Nullable Instant lastRun) {
        public Row {
            tags = List.copyOf(tags);
            locations = List.copyOf(locations);
        }

        /** The budget bar's width in percent, 0–100. */
        public int budgetWidth() {
            return budgetRemaining == null ? 0 : (int) Math.round(Math.max(0, Math.min(1, budgetRemaining)) * 100);
        }

        /** The bar's style class: spent (none left), low (under a quarter) or plain. */
        public String budgetClass() {
            if (budgetRemaining == null) {
                return "";
            }
            return budgetRemaining <= 0 ? "spent" : budgetRemaining < 0.25 ? "low" : "";
        }
    }

    /** A journey's newest run at one location: its outcome in a word, and when it was planned. */
    public record LocationOutcome(String location, Outcome outcome, Instant plannedAt) {

        public String css() {
            return switch (outcome) {
                case UP -> "state state-up";
                case DEGRADED -> "state state-degraded";
                case DOWN -> "state state-down";
                case ERROR -> "state state-nodata";
            };
        }
    }

    /** The server itself: its store, and whether the demo shop runs. */
    public record About(String store, boolean demo) {
    }
}

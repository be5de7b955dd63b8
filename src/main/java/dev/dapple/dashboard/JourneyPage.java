package dev.dapple.dashboard;

import dev.dapple.maintenance.Annotation;
import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code journey.jte} shows for one journey: SLO figures from the evaluator's last snapshot (never recomputed),
 * and for the selected window the charts, strips, step table, funnel, runs, incidents and annotations read from the
 * stored rollups and runs.
 *
 * @param slo null when the journey was never evaluated
 */
public record JourneyPage(String name, String description, String owner, String severity, @Nullable String runbook,
                          PageWindow window, Instant now, Instant from, Health health, @Nullable SloPanel slo,
                          Strip availability, LineChart durations, List<StepRow> steps, Funnel funnel,
                          List<RecentRun> runs, List<IncidentRow> incidents, List<Annotation> annotations) {

    public JourneyPage {
        steps = List.copyOf(steps);
        runs = List.copyOf(runs);
        incidents = List.copyOf(incidents);
        annotations = List.copyOf(annotations);
    }

    /** This page's address with another window, for the selector. */
    public String href(PageWindow other) {
        return link(name) + "?window=" + other.text();
    }

    /** A journey page's address, the name encoded as one path segment. */
    public static String link(String journey) {
        return "/journeys/" + URLEncoder.encode(journey, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every window, for the selector. */
    public List<PageWindow> windows() {
        return List.of(PageWindow.values());
    }

    /**
     * The availability objective from the snapshot, in figures and in words.
     *
     * @param target          in percent, e.g. 99.5
     * @param windowText      the SLO window in words, e.g. {@code rolling 28d}
     * @param budgetWords     how much budget is left, in failed runs
     * @param downtimeWords   how much failure the objective allows over its window
     * @param exhaustionWords when the budget runs out at the current rate
     * @param burnRates       by trailing span, e.g. {@code 1h}; null where the span had no valid runs
     * @param workflow        the workflow's availability, beside each step's own in {@code steps}
     * @param objectives      every objective (availability first, latency ones after)
     * @param firing          the firing burn-rate alerts, in words
     * @param burnDown        the budget left over the SLO window
     */
    public record SloPanel(Instant evaluatedAt, String windowText, double target, @Nullable Double sli,
                           @Nullable Double budgetRemaining, String budgetWords, String downtimeWords,
                           String exhaustionWords, Map<String, Double> burnRates, @Nullable Double workflow,
                           List<StepAvailability> stepAvailability, List<ObjectiveRow> objectives,
                           List<String> firing, LineChart burnDown) {
        public SloPanel {
            burnRates = Collections.unmodifiableMap(new LinkedHashMap<>(burnRates));
            stepAvailability = List.copyOf(stepAvailability);
            objectives = List.copyOf(objectives);
            firing = List.copyOf(firing);
        }
    }

    /** A step's own availability over the SLO window (a skipped step does not count). */
    public record StepAvailability(String step, long valid, @Nullable Double sli) {
    }

    /** One objective's headline: {@code name} is e.g. {@code availability} or {@code latency below 800 ms}. */
    public record ObjectiveRow(String name, double target, @Nullable Double sli, @Nullable Double budgetRemaining) {
    }

    /**
     * One step at one location (or {@code all locations}) over the window; durations in milliseconds, null when
     * nothing was measured.
     *
     * @param failureRate failed / (passed + failed); null when it never ran
     * @param commonError the most frequent error among the window's recent failed runs, with its count
     */
    public record StepRow(String step, String location, long ran, @Nullable Double p50, @Nullable Double p95,
                          @Nullable Double p99, @Nullable Double max, @Nullable Double failureRate,
                          @Nullable String commonError) {
    }

    /**
     * Of {@code runs} runs (probe errors excluded), how many passed each step, in the journey's order.
     *
     * @param breaksAt the step that failed most often; null when none failed
     */
    public record Funnel(long runs, List<FunnelStep> steps, @Nullable String breaksAt) {
        public Funnel {
            steps = List.copyOf(steps);
        }
    }

    public record FunnelStep(String step, long passed, long failed, long skipped) {
    }

    /** A run in the window, newest first; {@code outcome} spelled as the runs API spells it. */
    public record RecentRun(UUID id, Instant plannedAt, String location, String outcome, @Nullable Long durationUs,
                            @Nullable String error) {
    }

    public record IncidentRow(long id, Instant startedAt, @Nullable Instant endedAt, List<String> locations,
                              int badRuns, boolean drill) {
        public IncidentRow {
            locations = List.copyOf(locations);
        }
    }
}

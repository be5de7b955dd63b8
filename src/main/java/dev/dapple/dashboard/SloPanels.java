package dev.dapple.dashboard;

import dev.dapple.dashboard.JourneyPage.ObjectiveRow;
import dev.dapple.dashboard.JourneyPage.SloPanel;
import dev.dapple.dashboard.JourneyPage.StepAvailability;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.FiringBurnAlert;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloCounts;
import dev.dapple.slo.SloReport;
import dev.dapple.slo.SloSnapshot;
import dev.dapple.slo.SloWindow;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journey page's SLO panel, from the evaluator's snapshot alone: every figure is the snapshot's. The burn-down
 * chart adds the bad events of the snapshot's window, bucket by bucket from the SLO rollups, against the snapshot's
 * allowed bad events, so its last point is the snapshot's budget remaining.
 */
@Singleton
final class SloPanels {

    /** Burn-down bucket sizes, finest first; the finest that draws at most {@link #MOST_POINTS} points is used. */
    private static final List<Duration> SIZES = List.of(Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1));
    private static final int MOST_POINTS = 48;

    private final SloCounts counts;

    SloPanels(SloCounts counts) {
        this.counts = counts;
    }

    SloPanel panel(SloSnapshot snapshot) {
        return panel(snapshot, burnDown(snapshot));
    }

    static SloPanel panel(SloSnapshot snapshot, LineChart burnDown) {
        SloReport report = snapshot.report();
        SloReport.ObjectiveReport availability = report.objective(Objective.AVAILABILITY.key());
        SloReport.Figures figures = availability.budgeted();
        List<ObjectiveRow> objectives = report.objectives().stream()
                .map(o -> new ObjectiveRow(name(o), o.target(), o.budgeted().sli(), o.budgeted().budgetRemaining()))
                .toList();
        List<StepAvailability> steps = report.processAvailability().steps().stream()
                .map(s -> new StepAvailability(s.step(), s.valid(), s.sli())).toList();
        List<String> firing = snapshot.firingAlerts().stream().map(SloPanels::firing).toList();
        return new SloPanel(snapshot.evaluatedAt(), windowText(report.window()), availability.target(), figures.sli(),
                figures.budgetRemaining(), budgetWords(figures), downtimeWords(availability.target(),
                report.window()), exhaustionWords(figures.exhaustion()),
                figures.burnRates(), report.processAvailability().workflow(), steps, objectives, firing, burnDown);
    }

    LineChart burnDown(SloSnapshot snapshot) {
        SloReport report = snapshot.report();
        SloReport.ObjectiveReport availability = report.objective(Objective.AVAILABILITY.key());
        double allowed = availability.budgeted().allowedBad();
        Instant start = report.window().start();
        Instant end = report.window().countedUntil(report.evaluatedAt());
        if (!start.isBefore(end)) {
            end = start.plusSeconds(60);
        }
        List<LineChart.Point> points = new ArrayList<>();
        if (allowed > 0) {
            points.add(new LineChart.Point(start, 1.0));
            boolean timeslices = availability.budgeting().equals("timeslices");
            long bad = 0;
            for (PageWindow.Span bucket : PageWindow.buckets(start, end, size(Duration.between(start, end)))) {
                SloCounts.Counts found = counts.count(snapshot.journey(), bucket.from(), bucket.to());
                EventCounts events = timeslices
                        ? found.timeslices().getOrDefault(Objective.AVAILABILITY, EventCounts.NONE)
                        : found.pooled(Objective.AVAILABILITY);
                bad += events.bad();
                points.add(new LineChart.Point(bucket.to(), 1 - bad / allowed));
            }
        }
        return new LineChart("Error budget left over the SLO window (" + windowText(report.window()) + "): "
                + Display.percent(availability.budgeted().budgetRemaining()) + " at the last evaluation",
                start, end, List.of(new LineChart.Series("budget left", points)), List.of(), List.of(),
                Display::percent);
    }

    private static Duration size(Duration span) {
        return SIZES.stream().filter(size -> span.dividedBy(size) <= MOST_POINTS).findFirst().orElse(SIZES.getLast());
    }

    static String name(SloReport.ObjectiveReport objective) {
        String key = objective.objective();
        String below = objective.belowMs() == null ? "" : " below " + Display.millis(objective.belowMs());
        if (key.startsWith("latency:")) {
            return "step " + key.substring("latency:".length()) + " latency" + below;
        }
        return key + below;
    }

    static String windowText(SloWindow window) {
        return switch (window.kind()) {
            case "rolling" -> "rolling " + window.length();
            case "month" -> "calendar month in " + window.zone();
            case "week" -> "calendar week in " + window.zone();
            default -> window.kind() + " " + window.length();
        };
    }

    static String budgetWords(SloReport.Figures figures) {
        if (figures.valid() == 0) {
            return "No valid runs in the SLO window yet: the budget is unknown until runs arrive.";
        }
        String spent = figures.bad() + " of " + decimal(figures.allowedBad()) + " allowed failed runs spent ("
                + figures.valid() + " valid runs in the window)";
        Double remaining = figures.budgetRemaining();
        if (remaining != null && remaining < 0) {
            return "Overspent: " + spent + ".";
        }
        return spent + ".";
    }

    static String downtimeWords(double targetPercent, SloWindow window) {
        double budget = 1 - targetPercent / 100;
        Duration allowed = Duration.ofSeconds(Math.round(window.lengthSeconds() * budget));
        return "The " + Display.percent(targetPercent / 100) + " objective allows " + Display.span(allowed)
                + " of downtime in " + Display.span(window.duration()) + ".";
    }

    static String exhaustionWords(SloReport.ExhaustionView exhaustion) {
        return switch (exhaustion.state()) {
            case "never" -> "Nothing burned in the last hour: at this rate the budget lasts.";
            case "exhausted" -> "The budget is spent: act on reliability before new risk.";
            case "in" -> "At the last hour's burn rate the budget runs out in "
                    + Display.span(Duration.ofSeconds(exhaustion.seconds())) + " (" + Display.utc(exhaustion.at())
                    + ").";
            default -> "Too few runs in the last hour to project when the budget runs out.";
        };
    }

    private static String firing(FiringBurnAlert alert) {
        return alert.rule() + " on " + alert.objective() + ": burn rate " + Display.rate(alert.burnRate())
                + " (threshold " + Display.rate(alert.threshold()) + ") since " + Display.utc(alert.firedAt())
                + (alert.drill() ? ", a drill" : "");
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

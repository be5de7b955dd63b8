package dev.dapple.slo;

import dev.dapple.journey.DurationParser;
import dev.dapple.journey.Journey;
import dev.dapple.journey.Slo;
import dev.dapple.slo.SloReport.BurnAlertCheck;
import dev.dapple.slo.SloReport.ExhaustionView;
import dev.dapple.slo.SloReport.Figures;
import dev.dapple.slo.SloReport.ObjectiveReport;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes a journey's {@link SloReport} from {@link SloCounts} alone: one count over the SLO window and one per
 * trailing burn-rate span, each O(rollup buckets), never a scan of runs.
 */
@Singleton
public final class SloReports {

    /** The trailing spans burn rates are reported over; every rule's long and short window is among them. */
    static final List<Duration> BURN_SPANS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
    static final Duration EXHAUSTION_SPAN = Duration.ofHours(1);

    private final SloCounts counts;
    private final SloConfiguration config;

    public SloReports(SloCounts counts, SloConfiguration config) {
        this.counts = counts;
        this.config = config;
    }

    /** The rule's name in alerts and state changes, e.g. {@code page-1h}. */
    public static String ruleName(BurnRateRule rule) {
        return rule.urgency().name().toLowerCase(Locale.ROOT) + "-" + DurationParser.format(rule.longWindow());
    }

    /** Reports for one evaluation pass over every journey: each span's counts read once for all of them. */
    SloReports forPass() {
        return new SloReports(new PassCounts(counts), config);
    }

    public SloReport report(Journey journey, Instant now) {
        EffectiveSlo slo = EffectiveSlo.of(journey, config);
        SloWindow window = slo.windowAt(now);
        SloCounts.Counts whole = counts.count(journey.name(), window.start(), window.countedUntil(now));
        Map<Duration, SloCounts.Counts> spans = new LinkedHashMap<>();
        for (Duration span : BURN_SPANS) {
            spans.put(span, counts.count(journey.name(), now.minus(span), now));
        }
        Measured measured = new Measured(now, window, whole, spans);
        List<ObjectiveReport> objectives = slo.objectives().stream()
                .map(target -> objective(slo, target, measured)).toList();
        return new SloReport(journey.name(), now, window, objectives, processAvailability(slo, whole));
    }

    /** The counts a report is computed from. */
    private record Measured(Instant now, SloWindow window, SloCounts.Counts whole,
                            Map<Duration, SloCounts.Counts> spans) {

        Figures figures(SloTarget target, Function<SloCounts.Counts, EventCounts> select) {
            EventCounts events = select.apply(whole);
            BudgetStatus budget = BudgetStatus.of(target, events);
            Map<String, Double> burnRates = new LinkedHashMap<>();
            spans.forEach((span, counts) ->
                    burnRates.put(DurationParser.format(span), orNull(target.burnRate(select.apply(counts)))));
            OptionalDouble hourly = target.burnRate(select.apply(spans.get(EXHAUSTION_SPAN)));
            ExhaustionView exhaustion = budget.remaining().isEmpty() || hourly.isEmpty() ? ExhaustionView.UNKNOWN
                    : ExhaustionView.of(Exhaustion.at(budget.remaining().getAsDouble(), hourly.getAsDouble(),
                    window.duration()), now);
            return new Figures(events.valid(), events.good(), events.bad(), orNull(budget.sli()),
                    budget.budgetFraction(), budget.allowedBad(), orNull(budget.remaining()), burnRates, exhaustion);
        }
    }

    private ObjectiveReport objective(EffectiveSlo slo, EffectiveSlo.Target target, Measured measured) {
        Objective objective = target.objective();
        boolean timeslices = slo.budgeting() == Slo.Budgeting.TIMESLICES
                && (objective instanceof Objective.Availability || objective instanceof Objective.Latency);
        Function<SloCounts.Counts, EventCounts> budgeted = timeslices
                ? c -> c.timeslices().getOrDefault(objective, EventCounts.NONE)
                : c -> c.pooled(objective);
        Figures figures = measured.figures(target.target(), budgeted);

        var locations = new TreeSet<String>(measured.whole().perLocation().getOrDefault(objective, Map.of()).keySet());
        measured.spans().values().forEach(c -> locations.addAll(c.perLocation().getOrDefault(objective, Map.of()).keySet()));
        Map<String, Figures> perLocation = new LinkedHashMap<>();
        for (String location : locations) {
            perLocation.put(location, measured.figures(target.target(), c -> c.perLocation()
                    .getOrDefault(objective, Map.of()).getOrDefault(location, EventCounts.NONE)));
        }

        Duration windowLength = measured.window().duration();
        List<BurnAlertCheck> checks = BurnRateRule.SRE_WORKBOOK.stream()
                .filter(rule -> rule.longWindow().compareTo(windowLength) <= 0) // a 1d rolling window has no 3d rule
                .map(rule -> check(rule, slo.minRuns(), target.target(), windowLength, objective, budgeted,
                        measured.spans()))
                .toList();
        return new ObjectiveReport(objective.key(), target.target().percent().doubleValue(),
                target.below().map(Duration::toMillis).orElse(null),
                timeslices ? "timeslices" : "occurrences", figures, perLocation, checks);
    }

    private static BurnAlertCheck check(BurnRateRule rule, int minRuns, SloTarget target, Duration windowLength,
                                        Objective objective, Function<SloCounts.Counts, EventCounts> budgeted,
                                        Map<Duration, SloCounts.Counts> spans) {
        double threshold = rule.threshold(windowLength);
        SloCounts.Counts longSpan = spans.get(rule.longWindow());
        OptionalDouble longRate = target.burnRate(budgeted.apply(longSpan));
        OptionalDouble shortRate = target.burnRate(budgeted.apply(spans.get(rule.shortWindow())));
        long runs = longSpan.pooled(objective).valid();
        boolean evaluated = runs >= minRuns;
        boolean burning = evaluated && longRate.isPresent() && shortRate.isPresent()
                && longRate.getAsDouble() >= threshold && shortRate.getAsDouble() >= threshold;
        return new BurnAlertCheck(ruleName(rule), rule.urgency(), rule.budgetPercent(),
                DurationParser.format(rule.longWindow()), DurationParser.format(rule.shortWindow()), threshold,
                orNull(longRate), orNull(shortRate), runs, minRuns, evaluated, burning);
    }

    private static SloReport.ProcessAvailability processAvailability(EffectiveSlo slo, SloCounts.Counts whole) {
        List<SloReport.StepAvailability> steps = slo.steps().stream().map(step -> {
            EventCounts events = whole.pooled(new Objective.StepAvailability(step));
            return new SloReport.StepAvailability(step, events.valid(), events.good(), events.bad(),
                    orNull(events.sli()));
        }).toList();
        return new SloReport.ProcessAvailability(orNull(whole.pooled(Objective.AVAILABILITY).sli()), steps);
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}

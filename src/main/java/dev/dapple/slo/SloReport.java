package dev.dapple.slo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.slo.BurnRateRule.Urgency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Every SLO figure of one journey at {@code evaluatedAt}. Unknown figures (no valid events) are null, never 100%.
 *
 * @param objectives          availability first, then latency and per-step latency objectives
 * @param processAvailability the workflow's availability beside each step's own, over the same window
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SloReport(String journey, Instant evaluatedAt, SloWindow window, List<ObjectiveReport> objectives,
                        ProcessAvailability processAvailability) {

    public SloReport {
        objectives = List.copyOf(objectives);
    }

    /** The objective stored under {@code key}, e.g. {@code availability} or {@code latency:login}. */
    public ObjectiveReport objective(String key) {
        return objectives.stream().filter(o -> o.objective().equals(key)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no objective " + key + " in the report of " + journey));
    }

    /**
     * One objective's figures.
     *
     * @param objective  its key: {@code availability}, {@code latency} or {@code latency:STEP}
     * @param target     the target in percent, e.g. 99.9
     * @param belowMs    a latency objective's threshold in milliseconds; null for availability
     * @param budgeting  what the budgeted figures count: {@code occurrences} (runs pooled over locations) or
     *                   {@code timeslices} (planned times; per-step objectives always count occurrences)
     * @param budgeted   the figures the budget and the burn-rate alerts use
     * @param locations  occurrences at each location, by location name
     * @param burnAlerts each burn-rate rule checked against {@code budgeted} now
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ObjectiveReport(String objective, double target, @Nullable Long belowMs, String budgeting,
                                  Figures budgeted, Map<String, Figures> locations, List<BurnAlertCheck> burnAlerts) {
        public ObjectiveReport {
            locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
            burnAlerts = List.copyOf(burnAlerts);
        }

        public BurnAlertCheck burnAlert(String rule) {
            return burnAlerts.stream().filter(a -> a.rule().equals(rule)).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no burn alert rule " + rule + " on " + objective));
        }
    }

    /**
     * @param valid           events that count over the SLO window (good + bad)
     * @param sli             good / valid; null without valid events
     * @param budgetFraction  the error budget, 1 − target, as a fraction of valid events
     * @param allowedBad      the budget in events: budgetFraction × valid
     * @param budgetRemaining the share of the budget left: 1 − bad / allowedBad (negative once overspent); null without
     *                        valid events
     * @param burnRates       by trailing span (5m, 30m, 1h, 2h, 6h, 1d, 3d): error ratio / budget fraction; null for a
     *                        span without valid events
     * @param exhaustion      when the budget runs out at the 1h burn rate
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figures(long valid, long good, long bad, @Nullable Double sli, double budgetFraction,
                          double allowedBad, @Nullable Double budgetRemaining, Map<String, Double> burnRates,
                          ExhaustionView exhaustion) {
        public Figures {
            burnRates = Collections.unmodifiableMap(new LinkedHashMap<>(burnRates));
        }
    }

    /**
     * @param state   {@code unknown} (no valid events in the window or the last hour), {@code never} (nothing burns),
     *                {@code exhausted} (no budget left) or {@code in} (it runs out after {@code seconds})
     * @param seconds how long the budget lasts at the 1h burn rate; null unless {@code in}
     * @param at      evaluatedAt + seconds; null unless {@code in}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ExhaustionView(String state, @Nullable Long seconds, @Nullable Instant at) {

        static final ExhaustionView UNKNOWN = new ExhaustionView("unknown", null, null);

        static ExhaustionView of(Exhaustion exhaustion, Instant now) {
            return switch (exhaustion) {
                case Exhaustion.Never() -> new ExhaustionView("never", null, null);
                case Exhaustion.AlreadyExhausted() -> new ExhaustionView("exhausted", null, null);
                case Exhaustion.In(var in) -> new ExhaustionView("in", in.toSeconds(), now.plus(in));
            };
        }
    }

    /**
     * A burn-rate rule checked now.
     *
     * @param rule           e.g. {@code page-1h}
     * @param threshold      the burn rate both windows must reach: budget share × SLO window / long window
     * @param longBurnRate   over the long window; null without valid events there
     * @param shortBurnRate  over the short window; null without valid events there
     * @param longWindowRuns valid runs (occurrences) in the long window
     * @param minRuns        below this many, the rule is not evaluated
     * @param evaluated      whether {@code longWindowRuns} reached {@code minRuns}
     * @param burning        evaluated, and both burn rates at least the threshold: the alert fires (unless the journey
     *                       is in maintenance)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BurnAlertCheck(String rule, Urgency urgency, int budgetPercent, String longWindow,
                                 String shortWindow, double threshold, @Nullable Double longBurnRate,
                                 @Nullable Double shortBurnRate, long longWindowRuns, int minRuns, boolean evaluated,
                                 boolean burning) {
    }

    /**
     * @param workflow the journey's availability (occurrences, good / valid runs); null without valid runs
     * @param steps    each step's own availability, in the journey's order
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProcessAvailability(@Nullable Double workflow, List<StepAvailability> steps) {
        public ProcessAvailability {
            steps = List.copyOf(steps);
        }
    }

    /** A step counts as bad only when it ran and failed; a skipped step does not count. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StepAvailability(String step, long valid, long good, long bad, @Nullable Double sli) {
    }
}

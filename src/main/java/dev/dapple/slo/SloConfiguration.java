package dev.dapple.slo;

import dev.dapple.config.RawConfig;
import dev.dapple.journey.DurationParser;
import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide SLO defaults and the evaluation loop ({@code dapple.slo.*}).
 *
 * @param availability       the availability target of a journey whose {@code slo} block names none (or that has no
 *                           block at all)
 * @param window             the rolling window of a journey without an {@code slo} block
 * @param minRuns            burn-rate alerts need this many valid runs in their long window, unless the journey says
 * @param evaluationInterval how often the leader evaluates every journey's SLOs and burn-rate alerts
 */
@ConfigurationProperties(SloConfiguration.PREFIX)
public record SloConfiguration(SloTarget availability, Duration window, int minRuns, Duration evaluationInterval) {

    static final String PREFIX = "dapple.slo";
    /** The longest burn-rate alert window (3d) must fit; day rollups are kept 400 days by default. */
    static final Duration SHORTEST_WINDOW = Duration.ofDays(3);
    static final Duration LONGEST_WINDOW = Duration.ofDays(400);
    static final int MAX_MIN_RUNS = 100_000;

    public SloConfiguration {
        Objects.requireNonNull(availability, "availability");
        if (window == null || window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException(PREFIX + ".window must be from 3d to 400d, not "
                    + (window == null ? "unset" : DurationParser.format(window)));
        }
        if (minRuns < 1 || minRuns > MAX_MIN_RUNS) {
            throw new IllegalArgumentException(PREFIX + ".min-runs must be from 1 to " + MAX_MIN_RUNS + ", not " + minRuns);
        }
        if (evaluationInterval == null || evaluationInterval.compareTo(Duration.ofSeconds(1)) < 0
                || evaluationInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(PREFIX + ".evaluation-interval must be from 1s to 1h, not "
                    + (evaluationInterval == null ? "unset" : DurationParser.format(evaluationInterval)));
        }
    }

    /** The defaults: 99.5%, 28 days, 10 runs, every 30 s. */
    public static SloConfiguration defaults() {
        return new SloConfiguration((String) null, (String) null, (String) null, (String) null);
    }

    /** Binds the raw text: Micronaut's own conversion silently falls back to the default on a value it cannot read. */
    @ConfigurationInject
    SloConfiguration(@Nullable String availability, @Nullable String window, @Nullable String minRuns,
                     @Nullable String evaluationInterval) {
        this(target(availability),
                RawConfig.convert(PREFIX + ".window", window, Duration.class, Duration.ofDays(28),
                        "a duration like 28d or 30d"),
                RawConfig.convert(PREFIX + ".min-runs", minRuns, Integer.class, 10, "a whole number like 10"),
                RawConfig.convert(PREFIX + ".evaluation-interval", evaluationInterval, Duration.class,
                        Duration.ofSeconds(30), "a duration like 30s or 1m"));
    }

    private static SloTarget target(@Nullable String text) {
        String key = PREFIX + ".availability";
        if (text == null || text.isBlank()) {
            return SloTarget.percent("99.5");
        }
        String number = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
        BigDecimal percent;
        try {
            percent = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a percentage like 99.5 or 99.9%, not '" + text + "'");
        }
        try {
            return new SloTarget(percent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be above 0 and below 100, not '" + text + "'");
        }
    }
}

package dev.dapple.rollup;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.http.Problem;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.TextParse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code GET /api/journeys/{name}/latency?window=24h&step=&location=}: counts by outcome and latency percentiles (in
 * milliseconds) of the runs planned in the last {@code window}, from {@link LatencyQuery}.
 */
@Controller("/api/journeys")
public final class LatencyController {

    static final Duration SHORTEST = Duration.ofMinutes(5);
    static final Duration LONGEST = Duration.ofDays(400);
    static final String DEFAULT_WINDOW = "24h";
    private static final int LONGEST_NAME = 100;

    /** Percentiles in milliseconds; null (not left out) when the window has no durations. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PercentilesView(Double p50, Double p90, Double p95, Double p99, Double p99_9, Double max) {

        static PercentilesView of(LatencyQuery.Percentiles us) {
            return new PercentilesView(ms(us.p50()), ms(us.p90()), ms(us.p95()), ms(us.p99()), ms(us.p99_9()),
                    ms(us.max()));
        }

        private static Double ms(Long micros) {
            return micros == null ? null : micros / 1_000.0;
        }
    }

    /** {@code values} is how many durations the percentiles come from (runs that completed, steps with a response). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LatencyView(String journey, @Nullable String step, @Nullable String location, String window,
                              Instant from, Instant to, Map<String, Long> counts, long values,
                              PercentilesView percentiles) {
    }

    private final LatencyQuery query;
    private final Clock clock;

    public LatencyController(LatencyQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @Get("/{name}/latency")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> latency(@PathVariable String name, @Nullable @QueryValue String window,
                                   @Nullable @QueryValue String step, @Nullable @QueryValue String location)
            throws SQLException {
        String windowText = blank(window) ? DEFAULT_WINDOW : window.strip();
        Duration length;
        if (DurationParser.parse(windowText) instanceof TextParse.Ok<Duration> ok) {
            length = ok.value();
        } else {
            return Problem.response(HttpStatus.BAD_REQUEST, "window must be a duration from 5m to 400d like 1h,"
                    + " 24h or 28d, not '" + windowText + "'");
        }
        if (length.compareTo(SHORTEST) < 0 || length.compareTo(LONGEST) > 0) {
            return Problem.response(HttpStatus.BAD_REQUEST, "window must be from 5m to 400d, not " + windowText);
        }
        String stepName = blank(step) ? null : step.strip();
        String locationName = blank(location) ? null : location.strip();
        for (var parameter : new String[][] {{"step", stepName}, {"location", locationName}}) {
            if (parameter[1] != null && parameter[1].length() > LONGEST_NAME) {
                return Problem.response(HttpStatus.BAD_REQUEST,
                        parameter[0] + " must be at most " + LONGEST_NAME + " characters long");
            }
        }
        if (!query.journeyKnown(name)) {
            return Problem.response(HttpStatus.NOT_FOUND, "no journey named '" + name + "' (not published, no runs)");
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LatencyQuery.Latency latency = query.query(name, stepName, locationName, to.minus(length), to, to);
        boolean noSteps = latency.counts().values().stream().allMatch(c -> c == 0);
        if (stepName != null && noSteps && !query.stepKnown(name, stepName)) {
            return Problem.response(HttpStatus.NOT_FOUND, "journey '" + name + "' has no step named '" + stepName + "'");
        }
        return HttpResponse.ok(new LatencyView(name, stepName, locationName, windowText,
                latency.from(), latency.to(), latency.counts(), latency.values(),
                PercentilesView.of(latency.percentiles())));
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}

package dev.dapple.result;

import dev.dapple.http.Problem;
import dev.dapple.journey.PublishedJourneyRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /api/runs/{id}} (one run as the probe reported it) and {@code GET /api/journeys/{name}/runs} (a journey's
 * runs, newest first, a page at a time). Parameters are parsed here into a {@link RunQuery}; a bad one is a 400
 * problem that names it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class RunController {

    private final RunReader reader;
    private final PublishedJourneyRepository journeys;

    public RunController(RunReader reader, PublishedJourneyRepository journeys) {
        this.reader = reader;
        this.journeys = journeys;
    }

    @Get("/api/runs/{id}")
    public HttpResponse<?> run(@PathVariable String id) throws SQLException {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "'" + id + "' is not a run id (a UUID)");
        }
        return reader.byId(runId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> Problem.response(HttpStatus.NOT_FOUND, "no run with id " + runId));
    }

    @Get("/api/journeys/{name}/runs")
    public HttpResponse<?> runs(@PathVariable String name, @Nullable @QueryValue String location,
                                @Nullable @QueryValue String outcome, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String cursor) throws SQLException {
        RunQuery query;
        try {
            query = new RunQuery(name, blankToNull(location), outcome(outcome), instant("from", from),
                    instant("to", to), limit(limit), cursor == null ? null : RunCursor.decode(cursor));
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        RunPage page = reader.page(query);
        if (page.runs().isEmpty() && query.after() == null && !journeys.existsById(name) && !reader.hasRuns(name)) {
            return Problem.response(HttpStatus.NOT_FOUND, "no journey named '" + name + "' is published or has runs");
        }
        return HttpResponse.ok(page);
    }

    private static @Nullable Outcome outcome(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome must be one of " + Arrays.toString(Outcome.values())
                    + ", got '" + text + "'");
        }
    }

    private static @Nullable Instant instant(String parameter, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be an ISO-8601 instant such as"
                    + " 2026-11-23T10:00:00Z, got '" + text + "'");
        }
    }

    private static int limit(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return RunQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number between 1 and " + RunQuery.MAX_LIMIT
                    + ", got '" + text + "'");
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

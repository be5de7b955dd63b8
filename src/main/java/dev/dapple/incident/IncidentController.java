package dev.dapple.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.http.Problem;
import dev.dapple.journey.DurationParser;
import dev.dapple.journey.TextParse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/incidents} (newest first, by state and journey), {@code GET /api/incidents/{id}},
 * {@code POST /api/incidents/{id}/ack} (admin token, by the filter) and
 * {@code GET /api/journeys/{name}/incidents/stats} (the recovery objective's figures).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class IncidentController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(28);
    static final int MAX_ACKNOWLEDGER = 200; // the column's width

    /** The body of an acknowledgement: who. */
    @Serdeable
    public record Ack(@Nullable String by) {
    }

    @Serdeable
    record Listing(@JsonInclude(JsonInclude.Include.ALWAYS) List<IncidentView> incidents) {
    }

    private final Incidents incidents;
    private final Clock clock;

    public IncidentController(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Get("/api/incidents")
    public HttpResponse<?> list(@Nullable @QueryValue String state, @Nullable @QueryValue String journey,
                                @Nullable @QueryValue String limit) throws SQLException {
        Incidents.State wanted;
        int max;
        try {
            wanted = state(state);
            max = limit(limit);
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Instant now = clock.instant();
        return HttpResponse.ok(new Listing(incidents.list(wanted, journey == null || journey.isBlank() ? null : journey,
                max).stream().map(i -> IncidentView.of(i, now)).toList()));
    }

    @Get("/api/incidents/{id}")
    public HttpResponse<?> get(@PathVariable String id) throws SQLException {
        Long incidentId = id(id);
        if (incidentId == null) {
            return notAnId(id);
        }
        return incidents.byId(incidentId).<HttpResponse<?>>map(i -> HttpResponse.ok(IncidentView.of(i, clock.instant())))
                .orElseGet(() -> unknown(incidentId));
    }

    @Post("/api/incidents/{id}/ack")
    public HttpResponse<?> acknowledge(@PathVariable String id, @Nullable @Body Ack body) throws SQLException {
        Long incidentId = id(id);
        if (incidentId == null) {
            return notAnId(id);
        }
        if (body == null || body.by() == null || body.by().isBlank()) {
            return Problem.response(HttpStatus.BAD_REQUEST,
                    "say who acknowledges it: a JSON body like {\"by\": \"alice\"}");
        }
        if (body.by().strip().length() > MAX_ACKNOWLEDGER) {
            return Problem.response(HttpStatus.BAD_REQUEST, "'by' is longer than " + MAX_ACKNOWLEDGER + " characters");
        }
        Instant now = clock.instant();
        return switch (incidents.acknowledge(incidentId, body.by().strip(), now)) {
            case Incidents.Acknowledgement.Done done -> HttpResponse.ok(IncidentView.of(done.incident(), now));
            case Incidents.Acknowledgement.Unknown unknown -> unknown(incidentId);
            case Incidents.Acknowledgement.Already already -> Problem.response(HttpStatus.CONFLICT, "incident "
                    + incidentId + " was acknowledged already by " + already.incident().acknowledgedBy() + " at "
                    + already.incident().acknowledgedAt());
        };
    }

    @Get("/api/journeys/{name}/incidents/stats")
    public HttpResponse<?> stats(@PathVariable String name, @Nullable @QueryValue String window) throws SQLException {
        Duration length = DEFAULT_WINDOW;
        if (window != null && !window.isBlank()) {
            switch (DurationParser.parse(window.strip())) {
                case TextParse.Ok<Duration> ok -> length = ok.value();
                case TextParse.Failure<Duration> failure -> {
                    return Problem.response(HttpStatus.BAD_REQUEST, "window: " + failure.message());
                }
            }
        }
        Instant now = clock.instant();
        return HttpResponse.ok(RecoveryStatsView.of(name, incidents.recoveryStats(name, now.minus(length), now)));
    }

    private static Incidents.@Nullable State state(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> Incidents.State.OPEN;
            case "resolved" -> Incidents.State.RESOLVED;
            default -> throw new IllegalArgumentException("state must be open or resolved, got '" + text + "'");
        };
    }

    private static int limit(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("limit must be a whole number between 1 and " + MAX_LIMIT + ", got '"
                + text + "'");
    }

    private static @Nullable Long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<?> notAnId(String id) {
        return Problem.response(HttpStatus.BAD_REQUEST, "'" + id + "' is not an incident id (a whole number)");
    }

    private static HttpResponse<?> unknown(long id) {
        return Problem.response(HttpStatus.NOT_FOUND, "no incident with id " + id);
    }
}

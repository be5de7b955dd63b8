package dev.dapple.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code GET /api/outbox} (queued alert messages, newest first) and {@code POST /api/outbox/{id}/replay} (admin token). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class OutboxController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final String STATES = Arrays.stream(Outbox.State.values())
            .map(state -> state.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    @Serdeable
    record Listing(@JsonInclude(JsonInclude.Include.ALWAYS) List<Outbox.Entry> messages) {
    }

    private final Outbox outbox;
    private final OutboxQueue queue;
    private final Clock clock;

    OutboxController(Outbox outbox, OutboxQueue queue, Clock clock) {
        this.outbox = outbox;
        this.queue = queue;
        this.clock = clock;
    }

    @Get("/api/outbox")
    public HttpResponse<?> list(@Nullable @QueryValue String state, @Nullable @QueryValue String limit)
            throws SQLException {
        Outbox.State wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = Outbox.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Problem.response(HttpStatus.BAD_REQUEST, "state must be one of " + STATES + ", got '" + state
                        + "'");
            }
        }
        Integer max = limit(limit);
        if (max == null) {
            return Problem.response(HttpStatus.BAD_REQUEST, "limit must be a whole number between 1 and " + MAX_LIMIT
                    + ", got '" + limit + "'");
        }
        return HttpResponse.ok(new Listing(outbox.list(wanted, max)));
    }

    @Post("/api/outbox/{id}/replay")
    public HttpResponse<?> replay(@PathVariable String id) throws SQLException {
        long messageId;
        try {
            messageId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "'" + id + "' is not an outbox id (a whole number)");
        }
        return switch (queue.replay(messageId, clock.instant())) {
            case OutboxQueue.Replay.Done done -> HttpResponse.ok(done.entry());
            case OutboxQueue.Replay.Unknown unknown ->
                    Problem.response(HttpStatus.NOT_FOUND, "no outbox message with id " + messageId);
            case OutboxQueue.Replay.NotDead notDead -> Problem.response(HttpStatus.CONFLICT, "outbox message "
                    + messageId + " is " + notDead.state().name().toLowerCase(Locale.ROOT)
                    + ": only dead messages can be replayed");
            case OutboxQueue.Replay.Resolved resolved -> Problem.response(HttpStatus.CONFLICT, "outbox message "
                    + messageId + " is a trigger whose incident resolved: its resolve was queued, so replaying it"
                    + " would open an alert nobody closes");
        };
    }

    private static @Nullable Integer limit(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            return limit >= 1 && limit <= MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

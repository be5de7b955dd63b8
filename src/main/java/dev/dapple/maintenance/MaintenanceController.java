package dev.dapple.maintenance;

import dev.dapple.http.Problem;
import dev.dapple.journey.JourneyError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /api/maintenance} (current and upcoming windows of both sources), {@code POST /api/maintenance} (a window
 * with the file's fields, as JSON) and {@code DELETE /api/maintenance/{id}} (API windows only). Writes need the admin
 * token (AccessPolicy).
 */
@Controller("/api/maintenance")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class MaintenanceController {

    private final MaintenanceStore store;
    private final StoredCalendar calendar;
    private final Clock clock;

    public MaintenanceController(MaintenanceStore store, StoredCalendar calendar, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Get
    public List<WindowView> windows() throws SQLException {
        Instant now = clock.instant();
        return store.all().stream()
                .filter(w -> !w.deleted())
                .filter(w -> w.definition().schedule().lastEnd() == null || w.definition().schedule().lastEnd().isAfter(now))
                .map(w -> WindowView.of(w, now))
                .toList();
    }

    @Post
    public HttpResponse<?> add(@Nullable @Body String body) throws SQLException {
        var errors = new ArrayList<JourneyError>();
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var posted = MaintenanceFileParser.parsePosted(bytes, errors);
        if (posted.isEmpty()) {
            return Problem.response(HttpStatus.BAD_REQUEST, errors.stream()
                    .map(e -> e.message() + " (line " + e.line() + ", column " + e.column() + ")")
                    .collect(Collectors.joining("; ")));
        }
        Instant now = clock.instant();
        Window window = store.add(posted.get().window(), Window.Source.API, posted.get().createdBy(), now);
        calendar.refresh();
        return HttpResponse.created(WindowView.of(window, now), URI.create("/api/maintenance/" + window.id()));
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(@PathVariable String id) throws SQLException {
        long windowId;
        try {
            windowId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "'" + id + "' is not a window id (a number)");
        }
        return switch (store.delete(windowId, clock.instant())) {
            case NOT_FOUND -> Problem.response(HttpStatus.NOT_FOUND, "no maintenance window with id " + windowId);
            case FROM_FILE -> Problem.response(HttpStatus.CONFLICT, "window " + windowId
                    + " comes from journeys/maintenance.yaml: edit maintenance.yaml to change or remove it");
            case DELETED -> {
                calendar.refresh();
                yield HttpResponse.noContent();
            }
        };
    }
}

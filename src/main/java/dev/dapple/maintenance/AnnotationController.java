package dev.dapple.maintenance;

import dev.dapple.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code POST /api/annotations} ({text, from, to, journeys}, admin token) and
 * {@code GET /api/annotations?journey=&from=&to=} (those overlapping the range, by default the last 7 days).
 */
@Controller("/api/annotations")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class AnnotationController {

    static final int MAX_TEXT = 2000;
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    @Serdeable
    record Posted(@Nullable String text, @Nullable String from, @Nullable String to, @Nullable List<String> journeys) {
    }

    private final AnnotationStore store;
    private final JsonMapper json;
    private final Clock clock;

    public AnnotationController(AnnotationStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Post
    public HttpResponse<?> add(@Nullable @Body String body) throws SQLException {
        Posted posted;
        try {
            posted = body == null || body.isBlank() ? null : json.readValue(body, Posted.class);
        } catch (IOException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, "the body is not an annotation as JSON"
                    + " ({\"text\": ..., \"from\": ..., \"to\": ..., \"journeys\": [...]}): " + e.getMessage());
        }
        if (posted == null) {
            return Problem.response(HttpStatus.BAD_REQUEST, "the body is empty: expected {\"text\": ..., \"from\": ...,"
                    + " \"to\": ..., \"journeys\": [...]}");
        }
        try {
            String text = text(posted.text());
            Instant from = instant("from", required("from", posted.from()));
            Instant to = instant("to", required("to", posted.to()));
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("to (" + to + ") must not be before from (" + from + ")");
            }
            List<String> journeys = posted.journeys() == null ? List.of() : posted.journeys();
            if (journeys.stream().anyMatch(j -> j == null || j.isBlank())) {
                throw new IllegalArgumentException("journeys must be journey names, not blanks");
            }
            Annotation annotation = store.add(text, from, to, journeys, clock.instant());
            return HttpResponse.created(annotation, URI.create("/api/annotations?from=" + from + "&to=" + to));
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @Get
    public HttpResponse<?> find(@Nullable @QueryValue String journey, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to) throws SQLException {
        try {
            Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
            Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : instant("from", from);
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("to (" + end + ") must not be before from (" + start + ")");
            }
            return HttpResponse.ok(store.find(journey == null || journey.isBlank() ? null : journey, start, end));
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static String text(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("text may be at most " + MAX_TEXT + " characters, found " + text.length());
        }
        return text.strip();
    }

    private static String required(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required (an instant such as 2026-11-23T10:00:00Z)");
        }
        return value;
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an instant such as 2026-11-23T10:00:00Z, not '" + text + "'");
        }
    }
}

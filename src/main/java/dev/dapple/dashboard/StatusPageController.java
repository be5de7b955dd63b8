package dev.dapple.dashboard;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /status}: the public status page (open without a token, see AccessPolicy); nothing internal on it. Built
 * at most every 30 s, however often it is requested.
 */
@Controller("/status")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class StatusPageController {

    /** The page changes with rollups (every minute at most), so building it twice a minute loses nothing. */
    static final Duration REUSE = Duration.ofSeconds(30);

    private final Reused<StatusPage> page;

    StatusPageController(StatusPageService status, Clock clock) {
        this.page = new Reused<>(status::page, REUSE, clock);
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> status() throws SQLException {
        return new ModelAndView<>("status", Map.of("page", page.get()));
    }
}

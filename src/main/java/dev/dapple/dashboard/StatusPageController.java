package dev.dapple.dashboard;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.util.Map;

/** {@code GET /status}: the public status page (open without a token, see AccessPolicy); nothing internal on it. */
@Controller("/status")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class StatusPageController {

    private final StatusPageService status;

    StatusPageController(StatusPageService status) {
        this.status = status;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> status() throws SQLException {
        return new ModelAndView<>("status", Map.of("page", status.page()));
    }
}

package dev.dapple.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** {@code GET /runs/{id}}: one stored run, step by step. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class RunPageController {

    private final RunPages pages;

    RunPageController(RunPages pages) {
        this.pages = pages;
    }

    @Get(uri = "/runs/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> run(@PathVariable String id) throws SQLException {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new ProblemPage(400, "Not a run id", "'" + id + "' is not a run id: run ids are UUIDs, as the"
                    + " journey pages link them.", "/", "Back to the overview").response();
        }
        return pages.page(runId)
                .map(RunPageController::view)
                .orElseGet(() -> new ProblemPage(404, "Unknown run", "No run with id " + runId + " is stored: it may"
                        + " have expired under the retention settings. Recent runs are listed on each journey's page.",
                        "/", "Back to the overview").response());
    }

    private static HttpResponse<ModelAndView<Map<String, Object>>> view(RunDetailPage page) {
        return HttpResponse.ok(new ModelAndView<>("run", Map.of("page", page)));
    }
}

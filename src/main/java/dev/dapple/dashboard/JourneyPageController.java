package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** {@code GET /journeys/{name}?window=1h|24h|7d|28d}: one journey's SLO, charts, steps, runs and incidents. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class JourneyPageController {

    private final JourneyPages pages;

    JourneyPageController(JourneyPages pages) {
        this.pages = pages;
    }

    @Get(uri = "/journeys/{name}", produces = MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> journey(@PathVariable String name,
                                                                   @Nullable @QueryValue String window)
            throws SQLException {
        Optional<PageWindow> selected = PageWindow.parse(window);
        if (selected.isEmpty()) {
            return new ProblemPage(400, "Unknown window", "The window must be one of " + PageWindow.choices()
                    + ", not '" + window + "'.", UriBuilder.of("/journeys").path(name).toString(),
                    "Show " + name + " over the last " + PageWindow.DEFAULT.text()).response();
        }
        return pages.page(name, selected.get())
                .map(JourneyPageController::view)
                .orElseGet(() -> new ProblemPage(404, "Unknown journey", "No journey named '" + name
                        + "' is published. Check the name, or add journeys/" + name + ".yaml and let the catalog"
                        + " publish it.", "/", "Back to the overview").response());
    }

    private static HttpResponse<ModelAndView<Map<String, Object>>> view(JourneyPage page) {
        return HttpResponse.ok(new ModelAndView<>("journey", Map.of("page", page)));
    }
}

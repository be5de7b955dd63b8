package dev.dapple.dashboard;

import dev.dapple.probe.remote.ProbesOverview;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.util.Map;

/** {@code GET /probes}: the probes page. */
@Controller("/probes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(notEnv = Environment.CLI)
public final class ProbesPageController {

    private final ProbesOverview overview;

    public ProbesPageController(ProbesOverview overview) {
        this.overview = overview;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> probes() throws SQLException {
        return new ModelAndView<>("probes", Map.of("page", ProbesPage.of(overview.report())));
    }
}

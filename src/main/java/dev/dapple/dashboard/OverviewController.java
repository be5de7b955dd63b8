package dev.dapple.dashboard;

import dev.dapple.database.DatabaseUrl;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.sql.SQLException;
import java.util.Map;

/** {@code GET /}: the overview, every journey failing first, grouped by owner or tag ({@code ?group=}, {@code ?only=}). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class OverviewController {

    private final OverviewService overview;
    private final OverviewPage.About about;
    private final String journeysDir;

    OverviewController(OverviewService overview, @Value("${datasources.default.url}") String url,
                       @Value("${dapple.demo.enabled:true}") boolean demo,
                       @Value("${dapple.journeys.dir:journeys}") String journeysDir) {
        this.overview = overview;
        this.about = new OverviewPage.About(DatabaseUrl.vendor(url) + " " + DatabaseUrl.redact(url), demo);
        this.journeysDir = journeysDir;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> overview(@QueryValue(defaultValue = OverviewService.BY_OWNER) String group,
                                                      @Nullable @QueryValue String only) throws SQLException {
        OverviewPage page;
        try {
            page = overview.page(group, only == null || only.isBlank() ? null : only, journeysDir, about);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return new ModelAndView<>("overview", Map.of("page", page));
    }
}

package dev.dapple.dashboard;

import dev.dapple.database.DatabaseUrl;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.ModelAndView;
import java.util.Map;

/** The landing page until the dashboard's overview replaces it: what runs and where to look. */
@Controller
public final class HomeController {

    private final String store;
    private final boolean demo;

    public HomeController(@Value("${datasources.default.url}") String url,
                          @Value("${dapple.demo.enabled:true}") boolean demo) {
        this.store = DatabaseUrl.vendor(url) + " " + DatabaseUrl.redact(url);
        this.demo = demo;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> home() {
        return new ModelAndView<>("home", Map.of("store", store, "demo", demo));
    }
}

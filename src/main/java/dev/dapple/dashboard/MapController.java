package dev.dapple.dashboard;

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

/** {@code GET /map}: the Dapple map, by location ({@code ?window=1h|24h|7d}) or by hour ({@code ?view=time}). */
@Controller("/map")
@ExecuteOn(TaskExecutors.BLOCKING)
public final class MapController {

    private final MapService map;

    MapController(MapService map) {
        this.map = map;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> map(@QueryValue(defaultValue = MapService.BY_LOCATION) String view,
                                                 @QueryValue(defaultValue = "24h") String window) throws SQLException {
        try {
            return new ModelAndView<>("map", Map.of("page", map.page(view, window)));
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}

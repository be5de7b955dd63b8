package dev.dapple.dashboard;

import dev.dapple.catalog.Catalog;
import dev.dapple.slo.JourneyState;
import dev.dapple.slo.SloSnapshots;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code GET /badge/{name}.svg}: a journey's status badge for READMEs and wikis, from the evaluator's snapshot (never
 * recomputed). Public like the status page: it shows no errors, URLs or secrets.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class BadgeController {

    static final String SVG = "image/svg+xml";

    private final SloSnapshots snapshots;
    private final Catalog catalog;

    BadgeController(SloSnapshots snapshots, Catalog catalog) {
        this.snapshots = snapshots;
        this.catalog = catalog;
    }

    @Get(uri = "/badge/{name}.svg", produces = SVG)
    public HttpResponse<String> badge(@PathVariable String name) throws SQLException {
        boolean published = catalog.published().stream().anyMatch(journey -> journey.name().equals(name));
        if (!published) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).contentType(SVG)
                    .header("Cache-Control", "no-cache").body(Badge.unknown(name).svg());
        }
        Optional<SloSnapshots.Status> status = snapshots.status(name);
        Badge badge = status.map(s -> Badge.of(name, s.state(), s.sli()))
                .orElseGet(() -> Badge.of(name, JourneyState.NO_DATA, null));
        // Short caching: image proxies (GitHub's camo) honour it, and the state changes within minutes.
        return HttpResponse.ok(badge.svg()).contentType(SVG).header("Cache-Control", "max-age=60");
    }
}

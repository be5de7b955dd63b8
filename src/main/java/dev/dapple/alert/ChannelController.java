package dev.dapple.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dapple.http.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** {@code GET /api/channels} (each channel's delivery health) and {@code POST /api/channels/{name}/test} (admin token). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class ChannelController {

    @Serdeable
    record Listing(@JsonInclude(JsonInclude.Include.ALWAYS) List<ChannelOverview.ChannelView> channels) {
    }

    private final ChannelOverview overview;
    private final Channels channels;
    private final Clock clock;

    ChannelController(ChannelOverview overview, Channels channels, Clock clock) {
        this.overview = overview;
        this.channels = channels;
        this.clock = clock;
    }

    @Get("/api/channels")
    public HttpResponse<?> list() throws SQLException {
        return HttpResponse.ok(new Listing(overview.list()));
    }

    @Post("/api/channels/{name}/test")
    public HttpResponse<?> test(@PathVariable String name) throws SQLException {
        if (channels.get(name).isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no channel named '" + name + "'; configured: "
                    + (channels.names().isEmpty() ? "none (see dapple.channels)" : String.join(", ", channels.names())));
        }
        return HttpResponse.accepted().body(overview.queueTest(name, clock.instant()));
    }
}

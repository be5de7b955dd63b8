package dev.dapple.catalog;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** {@code GET /api/journeys} and {@code GET /api/journeys/{name}}: the journeys with their current outcomes. */
@Controller("/api/journeys")
@ExecuteOn(TaskExecutors.BLOCKING) // database reads, off the event loop
public final class JourneyController {

    private final JourneyListing listing;
    private final Clock clock;

    public JourneyController(JourneyListing listing, Clock clock) {
        this.listing = listing;
        this.clock = clock;
    }

    /** An object rather than a bare array, so the answer can grow fields without breaking clients. */
    @Serdeable
    public record JourneyList(List<JourneyItem> journeys) {
    }

    @Get
    public JourneyList journeys() throws SQLException {
        return new JourneyList(listing.all(clock.instant()));
    }

    @Get("/{name}")
    public HttpResponse<?> journey(String name) throws SQLException {
        return listing.one(name, clock.instant()).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> UnknownJourney.response(name, listing.names()));
    }
}

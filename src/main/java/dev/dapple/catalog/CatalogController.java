package dev.dapple.catalog;

import dev.dapple.journey.JourneyError;
import dev.dapple.journey.PublishedJourney;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/catalog}: what is published and which journey files are invalid. */
@Controller("/api/catalog")
public final class CatalogController {

    @Serdeable
    public record JourneyView(String name, String contentHash, String sourcePath, Instant publishedAt) {
        static JourneyView of(PublishedJourney row) {
            return new JourneyView(row.name(), row.contentHash(), row.sourcePath(), row.publishedAt());
        }
    }

    @Serdeable
    public record ErrorView(String path, int line, int column, String message) {
        static ErrorView of(JourneyError error) {
            return new ErrorView(error.path(), error.line(), error.column(), error.message());
        }
    }

    @Serdeable
    public record CatalogView(List<JourneyView> journeys, List<ErrorView> errors) {
    }

    private final Catalog catalog;

    public CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Get
    public CatalogView catalog() {
        return new CatalogView(catalog.published().stream().map(JourneyView::of).toList(),
                catalog.errors().stream().map(ErrorView::of).toList());
    }
}

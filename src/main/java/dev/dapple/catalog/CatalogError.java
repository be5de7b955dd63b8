package dev.dapple.catalog;

import dev.dapple.journey.JourneyError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A current validation error of a journey file, as stored for every server to show. */
@MappedEntity("catalog_errors")
public record CatalogError(@Id @GeneratedValue @Nullable Long id, String sourcePath, int line,
                           @MappedProperty("col") int column, String message, Instant detectedAt) {

    static CatalogError of(JourneyError error, Instant detectedAt) {
        // The column is VARCHAR(2000): a pathological message is cut rather than failing the whole publish.
        String message = error.message().length() > 2000 ? error.message().substring(0, 1997) + "..." : error.message();
        return new CatalogError(null, error.path(), error.line(), error.column(), message, detectedAt);
    }

    JourneyError toJourneyError() {
        return new JourneyError(sourcePath, line, column, message);
    }
}

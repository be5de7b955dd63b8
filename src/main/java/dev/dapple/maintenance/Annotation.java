package dev.dapple.maintenance;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** A note for the dashboard over [from, to] for some journeys (none: every journey). */
@Serdeable
public record Annotation(long id, String text, Instant from, Instant to, List<String> journeys, Instant createdAt) {

    public Annotation {
        journeys = List.copyOf(journeys);
    }

    boolean concerns(String journey) {
        return journeys.isEmpty() || journeys.contains(journey);
    }
}

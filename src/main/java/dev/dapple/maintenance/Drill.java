package dev.dapple.maintenance;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One occurrence of a drill window that has started: its id is the drill's id in state changes and reports.
 *
 * @param journeys the journeys it covered when it started
 * @param ended    whether DrillEnded was recorded
 */
@Serdeable
public record Drill(long id, long windowId, String name, Instant from, Instant to, List<String> journeys, boolean ended) {

    public Drill {
        journeys = List.copyOf(journeys);
    }
}

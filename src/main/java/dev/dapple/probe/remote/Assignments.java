package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The journeys one probe runs: its rendezvous share of its location's published journeys. */
@Serdeable
public record Assignments(String location, List<AssignedJourney> journeys) {

    public Assignments {
        journeys = journeys == null ? List.of() : List.copyOf(journeys); // an empty list is left out of the JSON
    }
}

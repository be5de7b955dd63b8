package dev.dapple.probe.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: every server agrees, the share is fair, and only a leaving probe's journeys move. */
class RendezvousTest {

    static final List<String> JOURNEYS = IntStream.range(0, 2_000).mapToObj(i -> "journey-" + i).toList();
    static final List<String> PROBES = List.of("eu-west/a", "eu-west/b", "eu-west/c", "eu-west/d");

    @Test
    void theOwnerDoesNotDependOnTheOrderOfTheProbes() {
        List<String> shuffled = new ArrayList<>(PROBES);
        Collections.shuffle(shuffled, new Random(7));
        for (String journey : JOURNEYS) {
            assertEquals(Rendezvous.owner(journey, PROBES), Rendezvous.owner(journey, shuffled), journey);
        }
    }

    @Test
    void theOwnerIsAKnownValueSoEveryVersionAgrees() {
        // Pinned (computed apart, with Python's hashlib): a change to the hash would make old and new servers split a
        // location differently.
        assertEquals("eu-west/d", Rendezvous.owner("checkout", PROBES).orElseThrow());
        assertEquals("eu-west/a", Rendezvous.owner("cart", PROBES).orElseThrow());
    }

    @Test
    void everyJourneyHasExactlyOneProbeAndTheSharesAreFair() {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (String probe : PROBES) {
            List<String> share = Rendezvous.share(JOURNEYS, probe, PROBES);
            counts.put(probe, share.size());
            total += share.size();
        }
        assertEquals(JOURNEYS.size(), total, "shares are disjoint and cover every journey");
        int fair = JOURNEYS.size() / PROBES.size();
        counts.forEach((probe, count) -> assertTrue(Math.abs(count - fair) < fair / 10,
                probe + " runs " + count + " of " + JOURNEYS.size() + ", fair is " + fair));
    }

    @Test
    void whenAProbeLeavesOnlyItsJourneysMove() {
        List<String> survivors = PROBES.subList(0, 3);
        for (String journey : JOURNEYS) {
            String before = Rendezvous.owner(journey, PROBES).orElseThrow();
            String after = Rendezvous.owner(journey, survivors).orElseThrow();
            if (!before.equals("eu-west/d")) {
                assertEquals(before, after, journey + " moved though its probe stayed");
            }
        }
    }

    @Test
    void aJoiningProbeTakesJourneysOnlyForItself() {
        List<String> more = new ArrayList<>(PROBES);
        more.add("eu-west/e");
        int taken = 0;
        for (String journey : JOURNEYS) {
            String before = Rendezvous.owner(journey, PROBES).orElseThrow();
            String after = Rendezvous.owner(journey, more).orElseThrow();
            if (!before.equals(after)) {
                assertEquals("eu-west/e", after, journey);
                taken++;
            }
        }
        assertTrue(Math.abs(taken - JOURNEYS.size() / 5) < JOURNEYS.size() / 50, "took " + taken);
    }

    @Test
    void withoutProbesNobodyRunsAJourney() {
        assertTrue(Rendezvous.owner("checkout", List.of()).isEmpty());
        assertEquals(List.of("a", "b"), Rendezvous.share(List.of("a", "b"), "x/p", List.of("x/p")));
    }
}

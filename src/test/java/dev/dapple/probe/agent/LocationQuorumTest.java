package dev.dapple.probe.agent;

import static dev.dapple.probe.agent.LoopbackRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.Catalog;
import dev.dapple.incident.Incident;
import dev.dapple.incident.IncidentEvaluator;
import dev.dapple.incident.Incidents;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server and two real probe agents over HTTP on loopback, one per location, each resolving
 * {@code ${env.SHOP_URL}} from its own environment: east's points at a healthy target, west's at a failing one. Of
 * two otherwise equal journeys, the one with {@code alert.locations: 1} opens an incident (in west), the one with
 * {@code alert.locations: 2} does not. The failing target echoes the probe's secret, and the run the server stores
 * (with its response excerpt, kept because the run failed) shows it masked. Real time: 10 s journeys, one run each.
 */
class LocationQuorumTest {

    @TempDir
    Path dir;

    @Test
    void aJourneyFailingInOneLocationOpensAnIncidentUnderLocationsOneButNotUnderLocationsTwo() throws Exception {
        var journeys = Map.of("quorum-one", journey("quorum-one", 1), "quorum-two", journey("quorum-two", 2));
        FastTime time = new FastTime(Instant.now(), 1);
        try (LoopbackRig rig = new LoopbackRig(dir, journeys)) {
            rig.startServer();
            String east = rig.token("east");
            String west = rig.token("west");
            await("the catalog published", Duration.ofSeconds(15),
                    () -> rig.bean(Catalog.class).current().size() == 2);
            rig.startAgent("east", "east-1", east, Map.of("SHOP_URL", rig.targetUrl("/ok")), time);
            rig.startAgent("west", "west-1", west, Map.of("SHOP_URL", rig.targetUrl("/fail")), time);

            await("both journeys stored from both locations", Duration.ofSeconds(40), () -> runs(rig).stream()
                    .map(run -> run.journey() + "@" + run.location()).distinct().count() == 4);
            for (RunResult run : runs(rig)) {
                assertEquals(run.location().equals("east") ? Outcome.UP : Outcome.DOWN, run.outcome(),
                        () -> run.journey() + "@" + run.location() + ": " + run.error());
            }
            rig.bean(IncidentEvaluator.class).pass(Instant.now());

            List<Incident> one = rig.bean(Incidents.class).list(Incidents.State.OPEN, "quorum-one", 10);
            assertEquals(1, one.size(), "alert.locations: 1 opens on west alone: " + one);
            assertEquals(List.of("west"), one.getFirst().locations());
            assertEquals(List.of(), rig.bean(Incidents.class).list(null, "quorum-two", 10),
                    "alert.locations: 2 needs east to fail too");

            RunResult failed = runs(rig).stream().filter(run -> run.location().equals("west")).findFirst().orElseThrow();
            String stored = rig.get("/api/runs/" + failed.id());
            assertFalse(stored.contains(LoopbackRig.SECRET), stored);
            assertTrue(stored.contains("\\\"echo\\\":\\\"••••\\\""), () -> "the echoed secret is masked: " + stored);
            rig.stopAgents();
            assertEquals(List.of(), rig.agentFailures());
        }
    }

    private static String journey(String name, int locations) {
        return """
                name: %s
                interval: 10s
                timeout: 5s
                locations: [east, west]
                variables:
                  key: ${secret.SHOP_KEY}
                steps:
                  - name: get
                    get: ${env.SHOP_URL}
                    headers: { X-Key: "${key}" }
                    expect: [status == 200]
                alert:
                  after: 1
                  locations: %d
                """.formatted(name, locations);
    }

    private static List<RunResult> runs(LoopbackRig rig) {
        try {
            return rig.bean(RunReader.class).planned(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)), null, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

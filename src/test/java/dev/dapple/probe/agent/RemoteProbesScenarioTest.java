package dev.dapple.probe.agent;

import static dev.dapple.probe.agent.LoopbackRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.catalog.Catalog;
import dev.dapple.probe.PlannedTimes;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 end to end: a real server and three real probe agents over HTTP on loopback, in two locations (east-1 and
 * east-2 in {@code east}, west-1 in {@code west}), running six journeys against a real target that records every
 * request with the journey, location, probe and the probe's clock. Journeys run in both locations; east-2 dies and
 * east-1 takes its journeys within the heartbeat expiry plus one pull; the server stops and starts again on the same
 * port and store. Afterwards the store holds exactly the runs the target served: none lost, none twice.
 *
 * <p>The agents run on a {@link FastTime} ten times faster than real time (starting 30 min in the past, so planned
 * times never lie ahead of the server's clock): a 10 s journey runs every second. The server's outage lasts 6 s
 * of real time, which is 60 s on the agents' clocks: the agents plan, run and buffer 60 s worth of runs (six per
 * journey and location), while their heartbeat, pull and retry loops (real time: 200 ms, 300 ms, backoff 100–400
 * ms) fail some twenty times over. That is what a 60 s outage does to a probe; only the count of failed attempts
 * is smaller.
 */
class RemoteProbesScenarioTest {

    static final Set<String> JOURNEYS = new TreeSet<>(Set.of("browse", "cart", "checkout", "login", "search", "account"));
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration OUTAGE = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    @Test
    void journeysRunInBothLocationsSurviveAProbeDeathAndAServerOutageWithNoRunLostOrStoredTwice() throws Exception {
        Map<String, String> journeys = new TreeMap<>();
        JOURNEYS.forEach(name -> journeys.put(name, journey(name)));
        FastTime time = new FastTime(Instant.now().minus(Duration.ofMinutes(30)), 10);
        try (LoopbackRig rig = new LoopbackRig(dir, journeys)) {
            rig.startServer();
            String east = rig.token("east");
            String west = rig.token("west");
            await("the catalog published", Duration.ofSeconds(15), () -> published(rig) == JOURNEYS.size());
            // Announced together, the probes get their final shares at their first pull: a probe joining later
            // would take journeys from one that runs them until its next pull (both may run a planned time then,
            // and ingest keeps one), which would blur the check that no planned time ran twice.
            rig.announce(east, "east-1");
            rig.announce(east, "east-2");
            rig.announce(west, "west-1");
            ProbeAgent east1 = rig.startAgent("east", "east-1", east, environment(rig, "east", "east-1"), time);
            ProbeAgent east2 = rig.startAgent("east", "east-2", east, environment(rig, "east", "east-2"), time);
            ProbeAgent west1 = rig.startAgent("west", "west-1", west, environment(rig, "west", "west-1"), time);

            await("east's journeys shared by its two probes, west's all on west-1", Duration.ofSeconds(10), () ->
                    union(east1.assigned(), east2.assigned()).equals(JOURNEYS)
                            && east1.assigned().size() + east2.assigned().size() == JOURNEYS.size()
                            && west1.assigned().equals(JOURNEYS));
            Set<String> movedJourneys = Set.copyOf(east2.assigned());
            assertFalse(movedJourneys.isEmpty() || east1.assigned().isEmpty(),
                    "both east probes run some: " + east1.assigned() + " " + movedJourneys);
            await("every journey stored from both locations", Duration.ofSeconds(20),
                    () -> storedPairs(rig).size() == 2 * JOURNEYS.size());

            // A probe dies: no goodbye in the protocol, the server only stops hearing its heartbeats.
            long died = System.nanoTime();
            Instant diedAt = time.instant();
            rig.stopAgent(east2);
            await("east-1 runs all of east's journeys", Duration.ofSeconds(10),
                    () -> east1.assigned().equals(JOURNEYS));
            Duration tookOver = Duration.ofNanos(System.nanoTime() - died);
            // From its last beat (at most 200 ms before it died): expiry + one pull, plus at most 1 s for a loaded
            // machine (the agent's stop, the pull's round trip).
            assertTrue(tookOver.compareTo(LoopbackRig.HEARTBEAT_EXPIRY.plus(LoopbackRig.PULL_INTERVAL)
                    .plusSeconds(1)) <= 0, "east-1 took over in " + tookOver.toMillis() + " ms");
            assertTrue(tookOver.compareTo(LoopbackRig.HEARTBEAT_EXPIRY.minusMillis(250)) >= 0,
                    "not before east-2's heartbeat expired: " + tookOver.toMillis() + " ms");
            await("east-2's journeys run by east-1 at later planned times", Duration.ofSeconds(10), () ->
                    movedJourneys.stream().allMatch(journey -> runs(rig).stream().anyMatch(run ->
                            run.journey().equals(journey) && run.location().equals("east")
                                    && run.probe().equals("east-1") && run.plannedAt().isAfter(diedAt))));

            // The server goes away for OUTAGE (60 s of the agents' time) and comes back on the same port and store.
            long storedBefore = runs(rig).size();
            rig.stopServer();
            Instant downAt = time.instant();
            Thread.sleep(OUTAGE.toMillis());
            Instant upAt = time.instant();
            assertTrue(east1.buffered() >= 2 * JOURNEYS.size() && west1.buffered() >= 2 * JOURNEYS.size(),
                    "results buffered on the probes' disks meanwhile: " + east1.buffered() + " " + west1.buffered());
            rig.startServer();
            await("the buffers delivered", Duration.ofSeconds(20), () -> east1.buffered() == 0 && west1.buffered() == 0);
            List<RunResult> afterOutage = runs(rig);
            assertTrue(afterOutage.size() > storedBefore, "stored before " + storedBefore + ", after " + afterOutage.size());
            for (String location : List.of("east", "west")) {
                long planned = afterOutage.stream().filter(run -> run.location().equals(location)
                        && run.plannedAt().isAfter(downAt) && run.plannedAt().isBefore(upAt)).count();
                assertTrue(planned >= 4 * JOURNEYS.size(), location + ": runs planned during the outage " + planned);
            }
            Thread.sleep(1_000);
            rig.stopAgents();
            assertEquals(List.of(), rig.agentFailures());

            theStoreHoldsExactlyWhatTheTargetServed(rig);
        }
    }

    /** Per journey and location: one stored run per request the target served, at the same planned time. */
    private static void theStoreHoldsExactlyWhatTheTargetServed(LoopbackRig rig) throws Exception {
        List<RunResult> runs = runs(rig);
        assertEquals(runs.size(), runs.stream().map(RunResult::id).distinct().count(), "unique run ids");
        Map<String, Map<Instant, String>> servedSlots = new HashMap<>();
        for (LoopbackRig.Hit hit : rig.hits()) {
            Instant planned = plannedTime(hit.journey(), hit.at());
            String previous = servedSlots.computeIfAbsent(hit.journey() + "@" + hit.location(), k -> new TreeMap<>())
                    .put(planned, hit.probe());
            assertEquals(null, previous, "two probes ran " + hit.journey() + "@" + hit.location() + " planned at "
                    + planned + ": " + previous + " and " + hit.probe());
        }
        Map<String, Map<Instant, String>> storedSlots = new HashMap<>();
        for (RunResult run : runs) {
            assertEquals(Outcome.UP, run.outcome(), () -> run.journey() + " " + run.error());
            String previous = storedSlots.computeIfAbsent(run.journey() + "@" + run.location(), k -> new TreeMap<>())
                    .put(run.plannedAt(), run.probe());
            assertEquals(null, previous, "stored twice: " + run.journey() + "@" + run.location() + " " + run.plannedAt());
        }
        assertEquals(2 * JOURNEYS.size(), storedSlots.size(), storedSlots.keySet().toString());
        for (String key : storedSlots.keySet()) {
            assertEquals(servedSlots.get(key), storedSlots.get(key),
                    key + ": planned times and probes the target served, then the store holds");
        }
        assertEquals(servedSlots.keySet(), storedSlots.keySet());
        Map<String, Long> perLocation = runs.stream().collect(Collectors.groupingBy(RunResult::location,
                Collectors.counting()));
        Map<String, Long> servedPerLocation = rig.hits().stream().collect(Collectors.groupingBy(LoopbackRig.Hit::location,
                Collectors.counting()));
        assertEquals(servedPerLocation, perLocation, "run counts per location");
    }

    /** The planned time a request sent at {@code at} (probe clock) belongs to: the last one at or before it. */
    private static Instant plannedTime(String journey, Instant at) {
        long step = INTERVAL.toMillis();
        long phase = PlannedTimes.phase(journey, INTERVAL).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli() - phase, step) * step + phase);
    }

    private static String journey(String name) {
        return """
                name: %s
                interval: 10s
                timeout: 5s
                locations: [east, west]
                variables:
                  key: ${secret.SHOP_KEY}
                steps:
                  - name: get
                    get: ${env.SHOP_URL}?journey=%s&location=${env.LOCATION}&probe=${env.PROBE}&t=${now}
                    headers: { X-Key: "${key}" }
                    expect: [status == 200, $.ok == true]
                """.formatted(name, name);
    }

    private static Map<String, String> environment(LoopbackRig rig, String location, String probe) {
        return Map.of("SHOP_URL", rig.targetUrl("/ok"), "LOCATION", location, "PROBE", probe);
    }

    private static int published(LoopbackRig rig) {
        try {
            return rig.bean(Catalog.class).current().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Set<String> storedPairs(LoopbackRig rig) {
        return runs(rig).stream().map(run -> run.journey() + "@" + run.location()).collect(Collectors.toSet());
    }

    private static List<RunResult> runs(LoopbackRig rig) {
        try {
            return rig.bean(RunReader.class).planned(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1)), null, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

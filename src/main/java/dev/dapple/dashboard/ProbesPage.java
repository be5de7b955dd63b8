package dev.dapple.dashboard;

import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.remote.LocationStatus;
import dev.dapple.probe.remote.ProbesReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The probes page ({@code /probes}): each location with its state in a word, and each probe with its heartbeat,
 * assignments, saturation, lateness and buffer. Built from {@link ProbesReport}, the same facts {@code /api/probes}
 * serves.
 */
public record ProbesPage(Instant now, List<Location> locations, List<Probe> probes) {

    /** A location row; {@code state} is the word, {@code css} its pill style. */
    public record Location(String name, String state, String css, String detail, int probes, int live, int journeys,
                           String latenessP99) {
    }

    /** A probe row; {@code saturation} is running / capacity. */
    public record Probe(String location, String name, String version, Instant lastHeartbeat, String state, String css,
                        int assigned, int running, int capacity, String saturation, String latenessP99,
                        long bufferDepth, long bufferDropped) {
    }

    public ProbesPage {
        locations = List.copyOf(locations);
        probes = List.copyOf(probes);
    }

    public boolean empty() {
        return locations.isEmpty() && probes.isEmpty();
    }

    public long silentLocations() {
        return locations.stream().filter(l -> l.state().equals("Silent")).count();
    }

    public static ProbesPage of(ProbesReport report) {
        Map<String, LocationStatus> byName = report.locations().stream()
                .collect(Collectors.toMap(LocationStatus::location, Function.identity()));
        List<Location> locations = report.locations().stream().map(ProbesPage::location).toList();
        List<Probe> probes = report.probes().stream().map(p -> probe(p, byName.get(p.location()))).toList();
        return new ProbesPage(report.at(), locations, probes);
    }

    private static Location location(LocationStatus l) {
        String lateness = lateness(l);
        return switch (l.state()) {
            case LocationStatus.UP -> new Location(l.location(), Health.UP.label(), Health.UP.css(),
                    l.live() + " of " + l.probes() + " probes live", l.probes(), l.live(), l.journeys(), lateness);
            case LocationStatus.SILENT -> new Location(l.location(), "Silent", Health.DOWN.css(),
                    "no probe heartbeat: its journeys are not running (a probe problem, not a journey failure)",
                    l.probes(), l.live(), l.journeys(), lateness);
            default -> new Location(l.location(), "Idle", Health.NO_DATA.css(), "no live probe and nothing to run",
                    l.probes(), l.live(), l.journeys(), lateness);
        };
    }

    private static Probe probe(ProbeStatus p, LocationStatus location) {
        String saturation = p.capacity() > 0 ? Display.percent((double) p.running() / p.capacity()) : Display.UNKNOWN;
        return new Probe(p.location(), p.probe(), p.version(), p.lastHeartbeat(),
                p.silent() ? "Silent" : "Live", p.silent() ? Health.DOWN.css() : Health.UP.css(), p.assigned().size(),
                p.running(), p.capacity(), saturation, location == null ? Display.UNKNOWN : lateness(location),
                p.bufferDepth(), p.bufferDropped());
    }

    private static String lateness(LocationStatus l) {
        return l.latenessP99Us() == null ? Display.UNKNOWN : Display.millis(l.latenessP99Us() / 1000.0);
    }
}

package dev.dapple.probe.remote;

import dev.dapple.catalog.Catalog;
import dev.dapple.http.Problem;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.probe.ProbeStatus;
import dev.dapple.result.RunIds;
import dev.dapple.result.RunMetrics;
import dev.dapple.result.RunResult;
import dev.dapple.result.RunWriter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The probe protocol's server side (see {@link dev.dapple.probe.remote}): register, heartbeat, pull assignments, push
 * results. {@link ProbeTokenFilter} has already checked the token; its location is the only one a probe acts for.
 */
@Controller("/api/probe")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(notEnv = Environment.CLI)
public final class ProbeApiController {

    /** Probe names: shown on pages and in logs, unique within a location ({@code embedded@host} is one). */
    static final Pattern PROBE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,199}");

    private final ProbeRegistry registry;
    private final Catalog catalog;
    private final JourneyVersionRepository versions;
    private final RunWriter writer;
    private final @Nullable RunMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;

    public ProbeApiController(ProbeRegistry registry, Catalog catalog, JourneyVersionRepository versions,
                              RunWriter writer, @Nullable RunMetrics metrics, JsonMapper json, Clock clock) {
        this.registry = registry;
        this.catalog = catalog;
        this.versions = versions;
        this.writer = writer;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    @Post("/register")
    public HttpResponse<?> register(@RequestAttribute(ProbeTokenFilter.LOCATION) String location,
                                    @Nullable @Body String body) throws SQLException {
        Hello hello;
        try {
            hello = read(body, Hello.class, "{\"probe\": ..., \"version\": ..., \"capacity\": ...}");
            checkProbe(hello.probe(), hello.version(), hello.capacity());
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        registry.register(location, hello, clock.instant());
        ProbeTimings timings = registry.timings();
        return HttpResponse.ok(new Welcome(Welcome.SERVER, ProbeStatus.VERSION, location, timings.heartbeatInterval(),
                timings.heartbeatExpiry(), timings.pullInterval()));
    }

    @Post("/heartbeat")
    public HttpResponse<?> heartbeat(@RequestAttribute(ProbeTokenFilter.LOCATION) String location,
                                     @Nullable @Body String body) throws SQLException {
        Beat beat;
        try {
            beat = read(body, Beat.class, "{\"probe\": ..., \"version\": ..., \"running\": ..., \"capacity\": ...,"
                    + " \"bufferDepth\": ..., \"bufferDropped\": ..., \"assigned\": [...]}");
            checkProbe(beat.probe(), beat.version(), beat.capacity());
            if (beat.running() < 0 || beat.bufferDepth() < 0 || beat.bufferDropped() < 0) {
                throw new IllegalArgumentException("running, bufferDepth and bufferDropped must not be negative");
            }
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        registry.beat(location, beat, clock.instant());
        return HttpResponse.noContent();
    }

    @Get("/assignments")
    public HttpResponse<?> assignments(@RequestAttribute(ProbeTokenFilter.LOCATION) String location,
                                       @Nullable @QueryValue String probe) throws SQLException {
        if (probe == null || !PROBE_NAME.matcher(probe).matches()) {
            return Problem.response(HttpStatus.BAD_REQUEST, "probe must be the probe's name (letters, digits and"
                    + " . _ @ : -), like ?probe=eu-west-1, not '" + probe + "'");
        }
        Map<String, Journey> journeys = new LinkedHashMap<>();
        catalog.assignments(location).forEach(j -> journeys.put(j.name(), j));
        var assigned = new ArrayList<AssignedJourney>();
        for (String name : registry.share(location, probe, journeys.keySet(), clock.instant())) {
            Journey journey = journeys.get(name);
            // A version deleted since the catalog was read is left out until the next pull.
            versions.findById(new JourneyVersion.Key(name, journey.contentHash())).ifPresent(v -> assigned.add(
                    new AssignedJourney(name, journey.contentHash(), journey.sourcePath().toString(), v.definition())));
        }
        return HttpResponse.ok(new Assignments(location, assigned));
    }

    @Post("/results")
    public HttpResponse<?> results(@RequestAttribute(ProbeTokenFilter.LOCATION) String location,
                                   @Nullable @Body String body) throws SQLException {
        List<RunResult> results;
        try {
            Results batch = read(body, Results.class, "{\"probe\": ..., \"results\": [...]}");
            results = batch.results();
            for (RunResult result : results) {
                check(result, location);
            }
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        int accepted = writer.write(results);
        if (metrics != null) {
            results.forEach(metrics::record); // replays are recognised by run id and not counted again
        }
        return HttpResponse.ok(new Stored(accepted, results.size() - accepted));
    }

    private static void check(RunResult result, String location) {
        if (result == null || result.journey() == null || result.plannedAt() == null || result.outcome() == null
                || result.id() == null) {
            throw new IllegalArgumentException("every result needs id, journey, location, plannedAt and outcome");
        }
        if (!location.equals(result.location())) {
            throw new IllegalArgumentException("a result of " + result.journey() + " is for location '"
                    + result.location() + "', but this probe's token is bound to '" + location + "'");
        }
        if (!result.id().equals(RunIds.of(result.journey(), location, result.plannedAt()))) {
            throw new IllegalArgumentException("run id " + result.id() + " of " + result.journey() + " at "
                    + result.plannedAt() + " is not the one derived from (journey, location, planned time)");
        }
    }

    private static void checkProbe(String probe, String version, int capacity) {
        if (probe == null || !PROBE_NAME.matcher(probe).matches()) {
            throw new IllegalArgumentException("probe must be a name of letters, digits and . _ @ : - (at most 200),"
                    + " not '" + probe + "'");
        }
        if (version == null || version.isBlank() || version.length() > 100) {
            throw new IllegalArgumentException("version must be the probe's Dapple version, not '" + version + "'");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
    }

    private <T> T read(@Nullable String body, Class<T> type, String shape) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the body is empty: expected " + shape);
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the body is not " + shape + " as JSON: " + e.getMessage());
        }
        if (value == null) {
            throw new IllegalArgumentException("the body is empty: expected " + shape);
        }
        return value;
    }
}

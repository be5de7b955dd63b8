package dev.dapple.probe.remote;

import dev.dapple.catalog.Catalog;
import dev.dapple.catalog.CatalogConfiguration;
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
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** Results per request: the agent sends at most its batch size (200 by default). */
    static final int MAX_BATCH = 1_000;
    /** How far a planned time may be ahead of the server's clock: a little skew, never tomorrow's runs. */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ProbeApiController.class);

    private final ProbeRegistry registry;
    private final Catalog catalog;
    private final JourneyVersionRepository versions;
    private final RunWriter writer;
    private final @Nullable RunMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final Path journeysDir;
    private final Map<JourneyVersion.Key, String> definitions = new ConcurrentHashMap<>();

    public ProbeApiController(ProbeRegistry registry, Catalog catalog, JourneyVersionRepository versions,
                              RunWriter writer, @Nullable RunMetrics metrics, JsonMapper json, Clock clock,
                              CatalogConfiguration catalogConfiguration) {
        this.registry = registry;
        this.catalog = catalog;
        this.versions = versions;
        this.writer = writer;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.journeysDir = catalogConfiguration.dir();
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
        List<Journey> current = catalog.current();
        Map<String, Journey> journeys = new LinkedHashMap<>();
        current.stream().filter(j -> j.runsEverywhere() || j.locations().contains(location))
                .forEach(j -> journeys.put(j.name(), j));
        var assigned = new ArrayList<AssignedJourney>();
        for (String name : registry.share(location, probe, journeys.keySet(), clock.instant())) {
            Journey journey = journeys.get(name);
            // A version deleted since the catalog was read is left out until the next pull.
            definition(name, journey.contentHash()).ifPresent(d -> assigned.add(
                    new AssignedJourney(name, journey.contentHash(), file(journey.sourcePath()), d)));
        }
        // Only published versions stay cached: every location's, as pulls of other locations share the cache.
        Set<JourneyVersion.Key> live = new HashSet<>();
        current.forEach(j -> live.add(new JourneyVersion.Key(j.name(), j.contentHash())));
        definitions.keySet().retainAll(live);
        return HttpResponse.ok(new Assignments(location, assigned));
    }

    /** A version never changes once stored, so its definition is read once, not on every pull of every probe. */
    private Optional<String> definition(String name, String contentHash) {
        var key = new JourneyVersion.Key(name, contentHash);
        String cached = definitions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> read = versions.findById(key).map(JourneyVersion::definition);
        read.ifPresent(d -> definitions.put(key, d));
        return read;
    }

    /** The journey file's path within the journeys folder: the server's own paths are none of a probe's business. */
    private String file(Path sourcePath) {
        Path path = sourcePath.toAbsolutePath().normalize();
        Path dir = journeysDir.toAbsolutePath().normalize();
        Path shown = path.startsWith(dir) && !path.equals(dir) ? dir.relativize(path) : path.getFileName();
        return shown.toString().replace('\\', '/');
    }

    @Post("/results")
    public HttpResponse<?> results(@RequestAttribute(ProbeTokenFilter.LOCATION) String location,
                                   @Nullable @Body String body) throws SQLException {
        Results batch;
        try {
            batch = read(body, Results.class, "{\"probe\": ..., \"results\": [...]}");
            if (batch.probe() == null || !PROBE_NAME.matcher(batch.probe()).matches()) {
                throw new IllegalArgumentException("probe must be a name of letters, digits and . _ @ : - (at most"
                        + " 200), not '" + batch.probe() + "'");
            }
            if (batch.results().size() > MAX_BATCH) {
                throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH + " results, not "
                        + batch.results().size() + ": send them in smaller batches");
            }
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        // Each result is judged alone: one bad result must neither cost the good ones nor block the probe's backlog.
        Set<String> published = new HashSet<>();
        catalog.assignments(location).forEach(j -> published.add(j.name()));
        Instant latest = clock.instant().plus(FUTURE_SLACK);
        var good = new ArrayList<RunResult>();
        var refused = new ArrayList<Stored.Refused>();
        for (RunResult result : batch.results()) {
            String reason = refusal(result, location, published, latest);
            if (reason == null) {
                good.add(result);
            } else {
                refused.add(new Stored.Refused(result.id(), reason));
            }
        }
        int accepted = writer.write(good);
        if (metrics != null) {
            good.forEach(metrics::record); // replays are recognised by run id and not counted again
        }
        if (!refused.isEmpty()) {
            LOG.warn("refused {} of {} results from probe {} at {}, first: {}", refused.size(), batch.results().size(),
                    batch.probe(), location, refused.getFirst().reason());
        }
        return HttpResponse.ok(new Stored(accepted, good.size() - accepted, refused));
    }

    /** Why a result cannot be stored, or null when it can: the checks keep every value within its column too. */
    private static @Nullable String refusal(RunResult result, String location, Set<String> published, Instant latest) {
        if (result.journey() == null || result.plannedAt() == null || result.outcome() == null || result.id() == null) {
            return "every result needs id, journey, location, plannedAt and outcome";
        }
        if (!location.equals(result.location())) {
            return "a result of " + result.journey() + " is for location '" + result.location()
                    + "', but this probe's token is bound to '" + location + "'";
        }
        if (!published.contains(result.journey())) {
            // Also keeps the name within the runs table's column: published names are.
            return "the journey " + excerpt(result.journey()) + " is not published for location " + location;
        }
        if (!result.id().equals(RunIds.of(result.journey(), location, result.plannedAt()))) {
            return "run id " + result.id() + " of " + result.journey() + " at " + result.plannedAt()
                    + " is not the one derived from (journey, location, planned time)";
        }
        if (result.plannedAt().isAfter(latest)) {
            return "planned at " + result.plannedAt() + ", more than " + FUTURE_SLACK.toMinutes()
                    + " minutes after the server's time: check the probe's clock";
        }
        return null;
    }

    private static String excerpt(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
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

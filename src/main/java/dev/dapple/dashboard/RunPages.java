package dev.dapple.dashboard;

import dev.dapple.dashboard.RunDetailPage.AssertionView;
import dev.dapple.dashboard.RunDetailPage.StepView;
import dev.dapple.dashboard.RunDetailPage.Version;
import dev.dapple.journey.Assertion;
import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.JourneyVersion;
import dev.dapple.journey.JourneyVersionRepository;
import dev.dapple.journey.ParseResult;
import dev.dapple.journey.PublishedJourney;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.journey.Step;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds a {@link RunDetailPage} from a stored run and the journey version it ran: the version's steps give each
 * step's assertions (a stored run keeps only the failed ones) and whether a failed step was critical.
 */
@Singleton
final class RunPages {

    private final RunReader runs;
    private final JourneyVersionRepository versions;
    private final PublishedJourneyRepository published;
    private final Clock clock;

    RunPages(RunReader runs, JourneyVersionRepository versions, PublishedJourneyRepository published, Clock clock) {
        this.runs = runs;
        this.versions = versions;
        this.published = published;
        this.clock = clock;
    }

    /** The page of a stored run; empty when no run has that id. */
    Optional<RunDetailPage> page(UUID id) throws SQLException {
        Optional<RunResult> found = runs.byId(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunResult run = found.get();
        Optional<PublishedJourney> current = published.findById(run.journey());
        Optional<JourneyVersion> version = versions.findById(new JourneyVersion.Key(run.journey(),
                run.journeyVersion()));
        Optional<Journey> ran = version.flatMap(v -> parse(v, current));
        return Optional.of(page(run, current.isPresent(), new Version(run.journeyVersion(),
                version.map(JourneyVersion::firstSeenAt).orElse(null),
                current.map(p -> p.contentHash().equals(run.journeyVersion())).orElse(false),
                version.map(JourneyVersion::definition).orElse(null)), ran.orElse(null), clock));
    }

    static RunDetailPage page(RunResult run, boolean published, Version version, @Nullable Journey ran, Clock clock) {
        List<StepView> steps = new ArrayList<>();
        List<Waterfall.Bar> bars = new ArrayList<>();
        long offset = 0;
        for (StepResult step : run.steps()) {
            Optional<Step> defined = ran == null ? Optional.empty() : ran.step(step.name());
            steps.add(new StepView(step.index(), step.name(), step.outcome().name(), step.durationUs(),
                    step.httpStatus(), phases(step), step.errorKind() == null ? null : step.errorKind().code(),
                    step.error(), step.excerpt(), step.attempts(), assertions(step, defined)));
            // Steps run one after another; the time between them (extraction, templating) is not measured.
            bars.add(new Waterfall.Bar(step.name(), offset, step.durationUs(), health(step, defined),
                    barText(step)));
            offset += step.durationUs() == null ? 0 : step.durationUs();
        }
        Waterfall waterfall = new Waterfall("Steps of run " + run.id() + " of " + run.journey() + " as a waterfall: "
                + String.join(", ", bars.stream().map(b -> b.label() + " " + b.text()).toList()), bars);
        return new RunDetailPage(run.id(), run.journey(), published, run.location(), run.probe(), run.plannedAt(),
                run.startedAt(), run.durationUs(), run.outcome().name(),
                run.errorKind() == null ? null : run.errorKind().code(), run.error(), version, steps, waterfall,
                clock.instant());
    }

    /** Every assertion the version defines, failed ones with expected and actual; without the version, the failures. */
    static List<AssertionView> assertions(StepResult step, Optional<Step> defined) {
        List<AssertionView> views = new ArrayList<>();
        boolean checked = step.httpStatus() != null;
        if (defined.isPresent()) {
            for (Assertion assertion : defined.get().expect()) {
                Optional<StepResult.AssertionFailure> failure = step.failures().stream()
                        .filter(f -> f.assertion().equals(assertion.source())).findFirst();
                views.add(failure.map(f -> new AssertionView(f.assertion(), "failed", f.expected(), f.actual()))
                        .orElseGet(() -> new AssertionView(assertion.source(), checked ? "held" : "not checked",
                                null, null)));
            }
        }
        for (StepResult.AssertionFailure failure : step.failures()) {
            if (views.stream().noneMatch(v -> v.assertion().equals(failure.assertion()))) {
                views.add(new AssertionView(failure.assertion(), "failed", failure.expected(), failure.actual()));
            }
        }
        return views;
    }

    private static Health health(StepResult step, Optional<Step> defined) {
        return switch (step.outcome()) {
            case PASSED -> Health.UP;
            case SKIPPED -> Health.NO_DATA;
            case FAILED -> defined.map(Step::critical).orElse(true) ? Health.DOWN : Health.DEGRADED;
        };
    }

    private static String barText(StepResult step) {
        String word = step.outcome().name().toLowerCase(Locale.ROOT);
        return step.outcome() == StepOutcome.SKIPPED || step.durationUs() == null ? word
                : word + " in " + Display.millis(step.durationUs() / 1_000.0);
    }

    static String phases(StepResult step) {
        List<String> phases = new ArrayList<>();
        phase(phases, "DNS", step.dnsUs());
        phase(phases, "connect", step.connectUs());
        phase(phases, "TLS", step.tlsUs());
        phase(phases, "first byte", step.firstByteUs());
        return String.join(" · ", phases);
    }

    private static void phase(List<String> phases, String name, @Nullable Long micros) {
        if (micros != null) {
            phases.add(name + " " + Display.millis(micros / 1_000.0));
        }
    }

    /** The version's journey, parsed as the catalog parses it; empty when it no longer parses. */
    private static Optional<Journey> parse(JourneyVersion version, Optional<PublishedJourney> current) {
        String path = current.map(PublishedJourney::sourcePath).orElse("journeys/" + version.key().journey() + ".yaml");
        return JourneyParser.parse(path, version.definition().getBytes(StandardCharsets.UTF_8), Path.of(path))
                instanceof ParseResult.Parsed parsed ? Optional.of(parsed.journey()) : Optional.empty();
    }
}

package dev.dapple.probe;

import dev.dapple.catalog.UnknownJourney;
import dev.dapple.http.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /api/journeys/{name}/run} (admin token): runs a journey once now and answers its RunResult. */
@Controller("/api/journeys")
@ExecuteOn(TaskExecutors.BLOCKING) // a run takes up to the journey's timeout
public final class RunNowController {

    /** Set when the journey's file is invalid now, so the run used its last valid version. */
    static final String WARNING_HEADER = "Dapple-Warning";

    private final ManualRuns runs;

    public RunNowController(ManualRuns runs) {
        this.runs = runs;
    }

    @Post("/{name}/run")
    public HttpResponse<?> run(String name) {
        return switch (runs.run(name)) {
            case ManualRuns.Answer.Ran(var result, boolean lastValid) -> lastValid
                    ? HttpResponse.ok(result).header(WARNING_HEADER, "the journey's file is invalid; this ran its last"
                            + " valid version " + result.journeyVersion() + " (errors: GET /api/journeys/" + name + ")")
                    : HttpResponse.ok(result);
            case ManualRuns.Answer.Unknown(var published) -> UnknownJourney.response(name, published);
            case ManualRuns.Answer.Unparsable() -> Problem.response(HttpStatus.CONFLICT, "the published version of '"
                    + name + "' no longer parses on this server (see its log); fix or re-save its file");
            case ManualRuns.Answer.Saturated(var reason) -> Problem.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "every run slot of the embedded probe is taken (" + reason + ", dapple.probe.max-concurrent-runs):"
                            + " try again shortly").header(HttpHeaders.RETRY_AFTER, "1");
            case ManualRuns.Answer.NoProbe() -> Problem.response(HttpStatus.CONFLICT,
                    "this server runs no embedded probe (dapple.probe.embedded=false), so it cannot run journeys");
        };
    }
}

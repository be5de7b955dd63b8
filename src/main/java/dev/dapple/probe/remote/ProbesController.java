package dev.dapple.probe.remote;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;

/** {@code GET /api/probes}: locations (up, silent or idle), probes, versions, heartbeats, assignments, buffers. */
@Controller("/api/probes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(notEnv = Environment.CLI)
public final class ProbesController {

    private final ProbesOverview overview;

    public ProbesController(ProbesOverview overview) {
        this.overview = overview;
    }

    @Get
    public ProbesReport probes() throws SQLException {
        return overview.report();
    }
}

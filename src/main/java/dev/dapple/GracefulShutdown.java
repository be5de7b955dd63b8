package dev.dapple;

import dev.dapple.probe.EmbeddedProbe;
import dev.dapple.result.Ingest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The order of a stop, made explicit rather than left to the order in which beans are destroyed: first the embedded
 * probe stops scheduling and waits for its runs in progress (their results go to ingest), then ingest stores what it
 * holds or puts it on disk. The shutdown event comes before any bean is destroyed, so the datasource is still open.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
final class GracefulShutdown implements ApplicationEventListener<ShutdownEvent> {

    private final Optional<EmbeddedProbe> probe;
    private final Ingest ingest;

    GracefulShutdown(Optional<EmbeddedProbe> probe, Ingest ingest) {
        this.probe = probe;
        this.ingest = ingest;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        probe.ifPresent(EmbeddedProbe::stop);
        ingest.close();
    }
}

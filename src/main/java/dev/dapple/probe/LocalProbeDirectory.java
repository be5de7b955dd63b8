package dev.dapple.probe;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** The probes of a server without remote probes: its embedded probe, when it runs one. */
@Singleton
final class LocalProbeDirectory implements ProbeDirectory {

    private final BeanProvider<EmbeddedProbe> embedded;
    private final Clock clock;

    LocalProbeDirectory(BeanProvider<EmbeddedProbe> embedded, Clock clock) {
        this.embedded = embedded;
        this.clock = clock;
    }

    @Override
    public List<ProbeStatus> probes() {
        return embedded.isPresent() ? List.of(embedded.get().status(clock.instant())) : List.of();
    }
}

package dev.dapple.alert;

import dev.dapple.catalog.KnownChannels;
import jakarta.inject.Singleton;
import java.util.Set;

/** Tells the catalog which channels journey files may name: those {@link Channels} configured. */
@Singleton
final class ConfiguredChannels implements KnownChannels {

    private final Channels channels;

    ConfiguredChannels(Channels channels) {
        this.channels = channels;
    }

    @Override
    public Set<String> names() {
        return channels.names();
    }
}

package dev.dapple.catalog;

import java.util.Set;

/**
 * The names of the configured alert channels, which journey files may name in {@code alert.channels}: an interface
 * here so the catalog does not depend on alert delivery (which depends on the catalog).
 */
public interface KnownChannels {

    /** Empty when no channel is configured: then channel names are not checked. */
    Set<String> names();
}

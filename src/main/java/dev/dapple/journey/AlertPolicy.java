package dev.dapple.journey;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a journey's failures open an incident and who hears of it.
 *
 * @param after          consecutive failed runs in a location before it counts as failing there
 * @param locations      how many locations must be failing at once
 * @param recoverAfter   consecutive good runs in each failing location before the incident resolves
 * @param channels       alert channels paged for this journey
 * @param ticketChannels channels that receive slow-burn (ticket) alerts
 * @param remind         how often an open incident nobody acknowledged is announced again; empty: never
 */
public record AlertPolicy(int after, int locations, int recoverAfter, List<String> channels,
                          List<String> ticketChannels, Optional<Duration> remind) {

    public static final AlertPolicy DEFAULT = new AlertPolicy(2, 1, 1, List.of(), List.of(), Optional.empty());

    public AlertPolicy {
        channels = List.copyOf(channels);
        ticketChannels = List.copyOf(ticketChannels);
    }
}

package dev.dapple.maintenance;

import java.util.Collection;
import java.util.List;

/**
 * A maintenance window or drill as written in {@code maintenance.yaml} or posted to the API. With neither
 * {@code journeys} nor {@code tags} it selects every journey; otherwise a journey named in {@code journeys} or
 * carrying one of {@code tags}.
 *
 * @param reason free text, may be null
 */
public record WindowDefinition(String name, Kind kind, String reason, List<String> journeys, List<String> tags,
                               Schedule schedule) {

    public enum Kind {
        /** Runs are excluded from SLOs and raise no alerts. */
        MAINTENANCE,
        /** A failover rehearsal: runs count; alerts go only to channels marked for drills. */
        DRILL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public WindowDefinition {
        journeys = List.copyOf(journeys);
        tags = List.copyOf(tags);
    }

    public boolean selects(String journey, Collection<String> journeyTags) {
        if (journeys.isEmpty() && tags.isEmpty()) {
            return true;
        }
        return journeys.contains(journey) || journeyTags.stream().anyMatch(tags::contains);
    }
}

package dev.dapple.incident;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A journey's recovery figures over [from, to), of the incidents that started in it.
 *
 * @param incidents       how many started
 * @param resolved        how many of them are resolved
 * @param mttr            mean time to recover: the mean duration of the resolved ones; null when none is
 * @param mtbf            mean time between failures: (window − downtime) / incidents, the mean time up per
 *                        incident; null when there was none
 * @param longestRecovery the longest duration of a resolved one; null when none is
 * @param breaches        how many lasted longer than the recovery objective
 * @param downtime        the time they covered, open ones up to {@code to}, clipped to the window
 */
public record RecoveryStats(Instant from, Instant to, int incidents, int resolved, @Nullable Duration mttr,
                            @Nullable Duration mtbf, @Nullable Duration longestRecovery, int breaches,
                            Duration downtime) {

    static RecoveryStats of(Instant from, Instant to, List<Incident> incidents) {
        Duration total = Duration.ZERO;
        Duration longest = null;
        int resolved = 0;
        int breaches = 0;
        Duration downtime = Duration.ZERO;
        for (Incident incident : incidents) {
            Instant end = incident.endedAt() == null || incident.endedAt().isAfter(to) ? to : incident.endedAt();
            downtime = downtime.plus(Duration.between(incident.startedAt(), end));
            breaches += incident.recoveryBreached() ? 1 : 0;
            if (!incident.isOpen()) {
                Duration duration = incident.duration(to);
                total = total.plus(duration);
                longest = longest == null || duration.compareTo(longest) > 0 ? duration : longest;
                resolved++;
            }
        }
        Duration mttr = resolved == 0 ? null : total.dividedBy(resolved);
        Duration mtbf = incidents.isEmpty() ? null
                : Duration.between(from, to).minus(downtime).dividedBy(incidents.size());
        return new RecoveryStats(from, to, incidents.size(), resolved, mttr, mtbf, longest, breaches, downtime);
    }
}

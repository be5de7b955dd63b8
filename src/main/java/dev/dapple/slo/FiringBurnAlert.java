package dev.dapple.slo;

import dev.dapple.slo.BurnRateRule.Urgency;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A burn-rate alert firing now.
 *
 * @param burnRate  the long window's burn rate when it fired
 * @param threshold the burn rate it had to reach
 * @param drill     it fired while the journey was in a drill
 */
@Serdeable
public record FiringBurnAlert(String journey, String objective, String rule, Urgency urgency, Instant firedAt,
                              double burnRate, double threshold, boolean drill) {

    /** Which alert it is: one per journey, objective and rule. */
    public record Key(String journey, String objective, String rule) {
    }

    public Key key() {
        return new Key(journey, objective, rule);
    }
}

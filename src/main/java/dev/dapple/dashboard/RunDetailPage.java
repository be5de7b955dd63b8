package dev.dapple.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code run.jte} shows for one stored run: its outcome and error, each step with its status, timings and
 * assertions, a waterfall of the steps, and the journey version that ran. Outcome words are spelled as the runs API
 * spells them ({@code UP}, {@code DOWN}, {@code PASSED}, ...). Texts are as the probe stored them: secrets are
 * masked by the probe before a result leaves it.
 *
 * @param published whether the journey is still published (a link back to its page works)
 */
public record RunDetailPage(UUID id, String journey, boolean published, String location, String probe,
                            Instant plannedAt, @Nullable Instant startedAt, @Nullable Long durationUs, String outcome,
                            @Nullable String errorKind, @Nullable String error, Version version,
                            List<StepView> steps, Waterfall waterfall, Instant now) {

    public RunDetailPage {
        steps = List.copyOf(steps);
    }

    /**
     * The journey version that ran.
     *
     * @param firstSeenAt when the catalog first published it; null when it is no longer stored
     * @param current     whether it is the version published now
     * @param definition  its file as published; null when no longer stored
     */
    public record Version(String hash, @Nullable Instant firstSeenAt, boolean current, @Nullable String definition) {

        /** The first 12 hex digits, as the catalog prints versions. */
        public String shortHash() {
            return hash.length() > 12 ? hash.substring(0, 12) : hash;
        }
    }

    /**
     * One step as it ran.
     *
     * @param phases     the measured phases in words, e.g. {@code DNS 1 ms · connect 2 ms}; empty when none
     * @param assertions its assertions with their result; failed ones with what was expected and found
     */
    public record StepView(int index, String name, String outcome, @Nullable Long durationUs,
                           @Nullable Integer httpStatus, String phases, @Nullable String errorKind,
                           @Nullable String error, @Nullable String excerpt, int attempts,
                           List<AssertionView> assertions) {
        public StepView {
            assertions = List.copyOf(assertions);
        }
    }

    /**
     * @param result {@code held}, {@code failed} or {@code not checked} (no response to check)
     */
    public record AssertionView(String assertion, String result, @Nullable String expected, @Nullable String actual) {
    }
}

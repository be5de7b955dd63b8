package dev.dapple.dashboard;

import dev.dapple.alert.Outbox;
import dev.dapple.incident.Incident;
import dev.dapple.journey.DurationParser;
import dev.dapple.maintenance.DrillReports;
import dev.dapple.maintenance.Recovery;
import io.micronaut.core.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The incidents page: open incidents first, then the latest resolved ones, each with the alerts sent about it, then
 * the drills with their measured recovery times.
 *
 * @param journey  the journey the page is filtered to, or null for all
 * @param journeys the published journeys, for the filter
 * @param admin    whether the request is signed in as admin: only then the page offers Acknowledge buttons
 * @param notice   a message about the last action (a refused acknowledgement), or null
 */
public record IncidentsPage(Instant now, @Nullable String journey, List<String> journeys, boolean admin,
                            @Nullable String notice, List<Item> open, List<Item> resolved,
                            List<DrillReports.Report> drills) {

    public IncidentsPage {
        journeys = List.copyOf(journeys);
        open = List.copyOf(open);
        resolved = List.copyOf(resolved);
        drills = List.copyOf(drills);
    }

    /**
     * One incident with what the page shows beside it.
     *
     * @param recoveryObjective the journey's {@code slo.recovery} now, or null when it has none
     * @param alerts            the messages queued about it, oldest first
     */
    public record Item(Incident incident, @Nullable Duration recoveryObjective, List<AlertSent> alerts) {

        public Item {
            alerts = List.copyOf(alerts);
        }

        /** How it stands against the recovery objective at {@code now}. */
        public RecoveryCheck recovery(Instant now) {
            if (incident.recoveryBreached()) {
                return RecoveryCheck.BREACHED; // judged when it resolved, against the objective of that time
            }
            if (recoveryObjective == null) {
                return RecoveryCheck.NONE;
            }
            boolean over = incident.duration(now).compareTo(recoveryObjective) > 0;
            if (incident.isOpen()) {
                return over ? RecoveryCheck.BREACHED : RecoveryCheck.WITHIN;
            }
            return RecoveryCheck.MET;
        }

        /** The objective as the journey file writes it ({@code 10m}), or null. */
        public @Nullable String objective() {
            return recoveryObjective == null ? null : DurationParser.format(recoveryObjective);
        }
    }

    /** An incident against its journey's recovery objective, in words. */
    public enum RecoveryCheck {
        NONE("No objective", "state-nodata"),
        WITHIN("Within objective so far", "state-up"),
        MET("Met", "state-up"),
        BREACHED("Breached", "state-down");

        private final String label;
        private final String css;

        RecoveryCheck(String label, String css) {
            this.label = label;
            this.css = css;
        }

        public String label() {
            return label;
        }

        public String css() {
            return css;
        }
    }

    /** A message queued about an incident: where to, what, and whether it got there. */
    public record AlertSent(String channel, String kind, Outbox.State state, int attempts, @Nullable String lastError) {

        /** The delivery state as a word: {@code pending}, {@code sent}, {@code dead}, {@code dropped}. */
        public String delivery() {
            return state.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A drill's measured recovery verdict in words. */
    public static String verdict(Recovery.Verdict verdict) {
        return switch (verdict) {
            case NO_DATA -> "No data";
            case NO_FAILURE -> "Nothing failed";
            case MET -> "Met";
            case BREACHED -> "Breached";
            case RECOVERED -> "Recovered";
            case NOT_RECOVERED -> "Not recovered";
        };
    }

    /** The state style of a drill verdict: good, bad, or neither. */
    public static String verdictCss(Recovery.Verdict verdict) {
        return switch (verdict) {
            case MET, RECOVERED -> "state-up";
            case BREACHED, NOT_RECOVERED -> "state-down";
            case NO_DATA, NO_FAILURE -> "state-nodata";
        };
    }

    /** A measured recovery time in words, or the unknown mark. */
    public static String recoveryTime(Recovery recovery) {
        return recovery.seconds() == null ? Display.UNKNOWN : Display.span(Duration.ofSeconds(recovery.seconds()));
    }

    /** This page filtered to one journey. */
    public static String filterPath(String name) {
        return "/incidents?journey=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}

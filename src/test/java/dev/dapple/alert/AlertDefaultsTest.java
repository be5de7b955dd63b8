package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.journey.Severity;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code dapple.alert.defaults.*}: checked against the configured channels when the server starts. */
class AlertDefaultsTest {

    @Test
    void anUnknownChannelStopsTheStartWithTheKeyAndTheConfiguredChannels() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AlertDefaults(
                Map.of(Severity.CRITICAL, List.of("pagr")), Set.of("slack", "pager")));
        assertEquals("dapple.alert.defaults.critical names channel 'pagr', which is not configured (did you mean"
                + " 'pager'?); configured channels (dapple.channels.NAME.type): pager, slack", e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> new AlertDefaults(
                Map.of(Severity.LOW, List.of("slack")), Set.of()));
        assertEquals("dapple.alert.defaults.low names channel 'slack', which is not configured; configured channels"
                + " (dapple.channels.NAME.type): none", none.getMessage());
    }

    @Test
    void theServerDoesNotStartWithAnUnknownDefaultChannel() {
        var e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(Map.of(
                "dapple.channels.pager.type", RecordingChannelType.TYPE,
                "dapple.alert.defaults.high", "pager, slack"), Environment.TEST).close());
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertEquals("dapple.alert.defaults.high names channel 'slack', which is not configured; configured channels"
                + " (dapple.channels.NAME.type): pager", cause.getMessage());
    }

    @Test
    void eachSeverityHasItsList() {
        var defaults = new AlertDefaults(Map.of(Severity.CRITICAL, List.of("pager", "slack"),
                Severity.LOW, List.of("slack", "tickets")), Set.of("pager", "slack", "tickets"));
        assertEquals(List.of("pager", "slack"), defaults.forSeverity(Severity.CRITICAL));
        assertEquals(List.of(), defaults.forSeverity(Severity.HIGH));
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The six types are beans, and a channel configured as properties gets its type and resolved fields. */
class ChannelTypesContextTest {

    @Test
    void theServerKnowsEveryTypeAndBindsConfiguredChannels() {
        try (var context = ApplicationContext.run(Map.of(
                "dapple.channels.oncall.type", "slack",
                "dapple.channels.oncall.url", "https://hooks.slack.com/services/T/B/X",
                "dapple.channels.am.type", "alertmanager",
                "dapple.channels.am.url", "http://alertmanager:9093",
                "dapple.channels.am.resend-every", "2m",
                "dapple.channels.am.drills", "true"))) {
            var types = context.getBeansOfType(ChannelType.class).stream().map(ChannelType::type)
                    .collect(Collectors.toSet());
            assertTrue(types.containsAll(Set.of("pagerduty", "opsgenie", "slack", "teams", "alertmanager",
                    "webhook")), types.toString());
            var channels = context.getBean(Channels.class);
            var am = channels.get("am").orElseThrow();
            assertEquals("alertmanager", am.type().type());
            assertTrue(am.settings().drills());
            assertEquals(Optional.of(Duration.ofMinutes(2)), am.type().resendWhileFiring(am.settings()));
            assertEquals("slack", channels.get("oncall").orElseThrow().type().type());
        }
    }
}

package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dapple.secret.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each channel type's fields as {@link Channels} checks them at start, with the exact errors. */
class ChannelConfigTest {

    @TempDir
    Path secretsDir;

    @Test
    void everyTypeIsConfiguredWithSecretsResolved() throws Exception {
        Files.writeString(secretsDir.resolve("PD_KEY"), "pd-routing-key\n");
        Files.writeString(secretsDir.resolve("HOOK_SECRET"), WebhookChannelTest.SECRET);
        var channels = channels(Map.of(
                "pd", Map.of("type", "pagerduty", "routing-key", "secret:PD_KEY"),
                "og", Map.of("type", "opsgenie", "api-key", "k", "url", "https://api.eu.opsgenie.com"),
                "slack", Map.of("type", "slack", "url", "https://hooks.slack.com/services/T/B/X", "drills", "true"),
                "teams", Map.of("type", "teams", "url", "https://example.webhook.office.com/x"),
                "am", Map.of("type", "alertmanager", "url", "http://alertmanager:9093", "resend-every", "30s",
                        "bearer-token", "t"),
                "hook", Map.of("type", "webhook", "url", "https://example.com/hook", "secret", "secret:HOOK_SECRET")));
        assertEquals("pd-routing-key", channels.get("pd").orElseThrow().settings().required("routing-key"));
        assertEquals(WebhookChannelTest.SECRET, channels.get("hook").orElseThrow().settings().required("secret"));
        assertEquals(true, channels.get("slack").orElseThrow().settings().drills());
        assertEquals("channel pd (pagerduty)", channels.get("pd").orElseThrow().settings().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pagerduty    | routing-key
            opsgenie     | api-key
            slack        | url
            teams        | url
            alertmanager | url
            webhook      | url
            """)
    void aMissingRequiredFieldNamesItsKey(String type, String field) {
        var fields = new java.util.HashMap<>(complete(type));
        fields.remove(field);
        assertEquals("dapple.channels.c." + field + " is required for a " + type + " channel", error(fields));
    }

    @Test
    void aChannelNameFitsTheOutboxAndUsesSafeCharacters() {
        var slack = Map.of("type", "slack", "url", "https://hooks.slack.com/services/T/B/X");
        String longest = "c".repeat(100);
        assertEquals(Set.of(longest, "on-call_2"), channels(Map.of(longest, slack, "on-call_2", slack)).names());
        String tooLong = "c".repeat(101);
        String rule = ": a channel name is 1 to 100 of the characters A-Z, a-z, 0-9, '_' and '-' (a '.' would split the key)";
        assertEquals("dapple.channels." + tooLong + rule, assertThrows(IllegalArgumentException.class,
                () -> channels(Map.of(tooLong, slack))).getMessage());
        assertEquals("dapple.channels.on call" + rule, assertThrows(IllegalArgumentException.class,
                () -> channels(Map.of("on call", slack))).getMessage());
        assertEquals("dapple.channels.pager.eu" + rule, assertThrows(IllegalArgumentException.class,
                () -> channels(Map.of("pager.eu", slack))).getMessage());
    }

    @Test
    void aWebhookWithoutASecretIsRefused() {
        assertEquals("dapple.channels.c.secret is required for a webhook channel",
                error(Map.of("type", "webhook", "url", "https://example.com/hook")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pagerduty    | routing_key  | (did you mean 'routing-key'?); its fields: drills, routing-key, url
            opsgenie     | apikey       | (did you mean 'api-key'?); its fields: api-key, drills, url
            slack        | channel      | ; its fields: drills, url
            teams        | uri          | (did you mean 'url'?); its fields: drills, url
            alertmanager | resend_every | (did you mean 'resend-every'?); its fields: bearer-token, drills, resend-every, url
            webhook      | secrets      | (did you mean 'secret'?); its fields: drills, secret, url
            """)
    void anUnknownFieldNamesTheKnownOnes(String type, String field, String rest) {
        var fields = new java.util.HashMap<>(complete(type));
        fields.put(field, "x");
        String expected = "dapple.channels.c." + field + " is not a field of a " + type + " channel"
                + (rest.startsWith(";") ? "" : " ") + rest;
        assertEquals(expected, error(fields));
    }

    @ParameterizedTest
    @CsvSource({"slack", "teams", "webhook", "alertmanager", "opsgenie", "pagerduty"})
    void aUrlMustBeAbsoluteHttpAndIsNotEchoed(String type) {
        var fields = new java.util.HashMap<>(complete(type));
        fields.put("url", "hooks.slack.com/services/T/B/SECRET");
        assertEquals("dapple.channels.c.url must be an absolute http:// or https:// URL", error(fields));
    }

    @Test
    void resendEveryMustBeADurationOfAtLeastOneSecond() {
        var fields = new java.util.HashMap<>(complete("alertmanager"));
        fields.put("resend-every", "soon");
        assertEquals("dapple.channels.c.resend-every: 'soon' is not a duration (expected a positive whole number"
                + " and a unit: ms, s, m, h or d, e.g. 800ms, 30s, 5m)", error(fields));
        fields.put("resend-every", "500ms");
        assertEquals("dapple.channels.c.resend-every: '500ms' is shorter than 1s", error(fields));
    }

    @Test
    void aWebhookSecretMustBeAStandardWebhooksSecretAndIsNotEchoed() {
        String expected = "dapple.channels.c.secret must be a Standard Webhooks secret: whsec_ followed by base64,"
                + " e.g. whsec_$(openssl rand -base64 32)";
        var fields = new java.util.HashMap<>(complete("webhook"));
        fields.put("secret", "hunter2");
        assertEquals(expected, error(fields));
        fields.put("secret", "whsec_not*base64");
        assertEquals(expected, error(fields));
    }

    @Test
    void aMissingSecretNamesIt() {
        var fields = new java.util.HashMap<>(complete("pagerduty"));
        fields.put("routing-key", "secret:NO_SUCH_SECRET_FOR_DAPPLE");
        assertEquals("dapple.channels.c.routing-key names secret 'NO_SUCH_SECRET_FOR_DAPPLE', which is neither a"
                + " file in dapple.secrets-dir nor a non-empty environment variable; dapple.channels.c.routing-key"
                + " is required for a pagerduty channel", error(fields));
    }

    private static Map<String, String> complete(String type) {
        return switch (type) {
            case "pagerduty" -> Map.of("type", type, "routing-key", "k");
            case "opsgenie" -> Map.of("type", type, "api-key", "k");
            case "webhook" -> Map.of("type", type, "url", "https://example.com/hook", "secret",
                    WebhookChannelTest.SECRET);
            default -> Map.of("type", type, "url", "https://example.com/hook");
        };
    }

    private String error(Map<String, String> fields) {
        return assertThrows(IllegalArgumentException.class, () -> channels(Map.of("c", fields))).getMessage();
    }

    private Channels channels(Map<String, Map<String, String>> raw) {
        return new Channels(raw, AlertFixtures.types(), new Secrets(secretsDir.toString()));
    }
}

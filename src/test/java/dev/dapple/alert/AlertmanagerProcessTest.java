package dev.dapple.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.tree.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager channel against a real Alertmanager (the Debian package's binary, which CI installs): the trigger
 * shows as an active alert with our labels and annotations, the resolve ends it, and Alertmanager itself notifies its
 * receiver (a webhook started here) that the alert fired, then that it resolved.
 */
class AlertmanagerProcessTest {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    @TempDir
    static Path dir;
    private static Process alertmanager;
    private static String baseUrl;
    private static final List<String> log = new ArrayList<>();
    /** The bodies Alertmanager's webhook receiver got, in order. */
    private static final BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private static HttpServer receiver;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        // Fail, not skip: a missing binary would otherwise hide that this channel is untested.
        assertTrue(Files.isExecutable(BINARY), BINARY + " is missing: apt-get install prometheus-alertmanager");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            notifications.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        // Notify at once and re-check every second, so the resolved notification follows the resolve quickly.
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: [dapple_key]
                  group_wait: 0s
                  group_interval: 1s
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        send_resolved: true
                """.formatted(receiver.getAddress().getPort()));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        baseUrl = "http://127.0.0.1:" + port;
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true).start();
        // Alertmanager logs "Listening" once its API serves; read its log rather than polling on a timer.
        var listening = new CompletableFuture<Void>();
        Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(alertmanager.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (log) {
                        log.add(line);
                    }
                    if (line.contains("Listening")) {
                        listening.complete(null);
                    }
                }
                listening.completeExceptionally(new IllegalStateException("alertmanager exited: " + log));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        });
        listening.get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
    }

    @Test
    void aTriggerFiresAndItsResolveEndsIt() throws Exception {
        assertEquals(200, get("/-/ready").statusCode());
        var type = new AlertmanagerChannel(AlertFixtures.JSON);
        var channel = new ChannelSettings("am", "alertmanager", Map.of("url", baseUrl), false);
        // Alertmanager judges endsAt by its own clock, so the attempt happens at the real now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertEquals(200, send(type.request(channel, AlertFixtures.message(AlertFixtures.trigger()), now)
                .orElseThrow()));
        JsonNode firing = ours();
        assertEquals("active", firing.get("status").get("state").getStringValue());
        JsonNode labels = firing.get("labels");
        assertEquals("DappleJourneyDown", labels.get("alertname").getStringValue());
        assertEquals("checkout", labels.get("journey").getStringValue());
        assertEquals("critical", labels.get("severity").getStringValue());
        assertEquals("team-payments", labels.get("owner").getStringValue());
        JsonNode annotations = firing.get("annotations");
        assertEquals("https://wiki.example.com/runbooks/checkout", annotations.get("runbook_url").getStringValue());
        assertEquals("eu-west, us-east", annotations.get("locations").getStringValue());
        assertEquals("pay", annotations.get("failing_step").getStringValue());
        assertEquals("https://dapple.example.com/incidents/12", firing.get("generatorURL").getStringValue());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse(firing.get("startsAt").getStringValue()));
        assertEquals(now.plusSeconds(240), Instant.parse(firing.get("endsAt").getStringValue()));
        // Alertmanager only tells of a resolve whose firing it told of: wait for that first.
        assertEquals("firing", notified("firing").get("status").getStringValue());

        assertEquals(200, send(type.request(channel, AlertFixtures.message(AlertFixtures.resolve()), now)
                .orElseThrow()));
        JsonNode resolved = notified("resolved");
        assertEquals("DappleJourneyDown", resolved.get("labels").get("alertname").getStringValue());
        assertEquals(AlertFixtures.resolve().at(), Instant.parse(resolved.get("endsAt").getStringValue()),
                "ended at the recovery");
        assertEquals(List.of(), alerts(), "the resolve ended the alert, so it is no longer listed");
    }

    /** Our alert in the next webhook notification whose alert has {@code status}; fails after 30 s without one. */
    private static JsonNode notified(String status) throws Exception {
        var seen = new ArrayList<String>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String body = notifications.poll(1, TimeUnit.SECONDS);
            if (body == null) {
                continue;
            }
            seen.add(body);
            for (JsonNode alert : ChannelJson.tree(body).get("alerts").values()) {
                JsonNode key = alert.get("labels").get("dapple_key");
                if (key != null && key.getStringValue().equals("checkout/incident-12")
                        && alert.get("status").getStringValue().equals(status)) {
                    return alert;
                }
            }
        }
        throw new AssertionError("Alertmanager notified no " + status + " alert within 30 s; it sent " + seen);
    }

    private JsonNode ours() throws Exception {
        List<JsonNode> alerts = alerts();
        assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
        return alerts.getFirst();
    }

    /** The alerts Alertmanager lists (active, silenced, inhibited or unprocessed) carrying our key. */
    private List<JsonNode> alerts() throws Exception {
        var response = get("/api/v2/alerts");
        assertEquals(200, response.statusCode(), response.body());
        var ours = new ArrayList<JsonNode>();
        for (JsonNode alert : ChannelJson.tree(response.body()).values()) {
            JsonNode key = alert.get("labels").get("dapple_key");
            if (key != null && key.getStringValue().equals("checkout/incident-12")) {
                ours.add(alert);
            }
        }
        return ours;
    }

    private int send(HttpDelivery delivery) throws Exception {
        var request = HttpRequest.newBuilder(delivery.uri())
                .method(delivery.method(), HttpRequest.BodyPublishers.ofString(delivery.body()));
        delivery.headers().forEach(request::header);
        var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

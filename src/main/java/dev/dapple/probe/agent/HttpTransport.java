package dev.dapple.probe.agent;

import dev.dapple.probe.ProbeStatus;
import dev.dapple.probe.remote.Assignments;
import dev.dapple.probe.remote.Beat;
import dev.dapple.probe.remote.Hello;
import dev.dapple.probe.remote.Results;
import dev.dapple.probe.remote.Stored;
import dev.dapple.probe.remote.Welcome;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The agent's side of the probe protocol ({@code dev.dapple.probe.remote}): JSON over HTTP with the probe's bearer
 * token, every request bounded by the connect and request timeouts. It sorts what comes back into what is worth
 * retrying ({@link ServerUnavailable}) and what is not ({@link ProbeRefused}). The token is only ever put in the
 * Authorization header.
 */
final class HttpTransport {

    private record Answer(int status, String contentType, String body) {

        boolean json() {
            return contentType.toLowerCase(Locale.ROOT).contains("json");
        }

        String describe() {
            return "HTTP " + status + (contentType.isEmpty() ? "" : " " + contentType.split(";")[0]);
        }
    }

    private final AgentSettings settings;
    private final JsonMapper json;
    private final HttpClient client;

    HttpTransport(AgentSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Introduces the probe; refuses anything but a Dapple server's welcome for this probe's location. */
    Welcome register(Hello hello) throws ServerUnavailable, ProbeRefused, InterruptedException {
        Answer answer = send("POST", "register", hello);
        refuseToken(answer);
        retryable(answer);
        String problem = answer.status() == 400 && answer.json() ? problemDetail(answer.body()) : null;
        if (problem != null) {
            throw new ProbeRefused("the server " + settings.base() + " refused this probe: " + problem, true);
        }
        Welcome welcome = answer.status() == 200 && answer.json() ? welcome(answer.body()) : null;
        if (welcome == null || !Welcome.SERVER.equals(welcome.server())) {
            throw new ProbeRefused(settings.base() + " is not a Dapple server: it answered " + answer.describe()
                    + " to POST /api/probe/register; check --server (the URL people open the dashboard at)");
        }
        if (!settings.location().equals(welcome.location())) {
            throw new ProbeRefused("the server " + settings.base() + " binds this probe's token to location '"
                    + welcome.location() + "', not '" + settings.location() + "': start the probe with --location "
                    + welcome.location() + " or use a token created for " + settings.location());
        }
        return welcome;
    }

    /**
     * The welcome, read field by field: the protocol says ISO-8601 durations ("PT10S"), while Micronaut's serde
     * writes a Duration as nanoseconds; both are accepted. Null for JSON that is not a welcome.
     */
    private Welcome welcome(String body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            if (root == null || !root.isObject()) {
                return null;
            }
            return new Welcome(text(root, "server"), text(root, "version"), text(root, "location"),
                    duration(root, "heartbeatInterval"), duration(root, "heartbeatExpiry"), duration(root, "pullInterval"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A problem JSON's detail (what the server found wrong with the request), or null for anything else. */
    private String problemDetail(String body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            String detail = root != null && root.isObject() ? text(root, "detail") : null;
            return detail == null || detail.isBlank() ? null : excerpt(detail);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    private static Duration duration(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isNumber() ? Duration.ofNanos(node.getLongValue()) : Duration.parse(node.getStringValue());
    }

    void heartbeat(Beat beat) throws ServerUnavailable, ProbeRefused, InterruptedException {
        expectSuccess(send("POST", "heartbeat", beat));
    }

    Assignments assignments() throws ServerUnavailable, ProbeRefused, InterruptedException {
        Answer answer = send("GET", "assignments?probe=" + URLEncoder.encode(settings.probe(), StandardCharsets.UTF_8),
                null);
        expectSuccess(answer);
        try {
            return json.readValue(answer.body(), Assignments.class);
        } catch (IOException | RuntimeException e) {
            throw new ServerUnavailable("unreadable assignments (" + answer.describe() + ")");
        }
    }

    Stored push(Results results) throws ServerUnavailable, ProbeRefused, BatchRejected, InterruptedException {
        Answer answer = send("POST", "results", results);
        refuseToken(answer);
        retryable(answer);
        if (answer.status() / 100 == 4) {
            throw new BatchRejected(answer.describe() + ": " + excerpt(answer.body()));
        }
        expectSuccess(answer);
        try {
            return json.readValue(answer.body(), Stored.class);
        } catch (IOException | RuntimeException e) {
            return new Stored(results.results().size(), 0, List.of()); // a 2xx stored them; the counts are for the log
        }
    }

    private void expectSuccess(Answer answer) throws ServerUnavailable, ProbeRefused {
        refuseToken(answer);
        if (answer.status() / 100 != 2) {
            throw new ServerUnavailable(answer.describe());
        }
    }

    private void refuseToken(Answer answer) throws ProbeRefused {
        if (answer.status() == 401) {
            throw new ProbeRefused("the server " + settings.base() + " refused this probe's token for location "
                    + settings.location() + ": create one there with 'java -jar dapple.jar token create --location "
                    + settings.location() + "' and pass it with --token-file FILE or DAPPLE_PROBE_TOKEN");
        }
    }

    /** Answers that say "not now": the server (or a proxy in front of it) is there but cannot serve yet. */
    private static void retryable(Answer answer) throws ServerUnavailable {
        int status = answer.status();
        if (status >= 500 || status == 408 || status == 429) {
            throw new ServerUnavailable(answer.describe());
        }
    }

    private Answer send(String method, String path, Object body)
            throws ServerUnavailable, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.base() + "/api/probe/" + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.token())
                .header("Accept", "application/json")
                .header("User-Agent", "dapple-probe/" + ProbeStatus.VERSION);
        try {
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new ServerUnavailable(reason(e));
        }
    }

    /** What went wrong in words, without a stack trace: the JDK's client often leaves the message empty. */
    private String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + settings.connectTimeout().toMillis() + " ms";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + settings.requestTimeout().toMillis() + " ms";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host " + settings.server().getHost();
            }
            if (cause instanceof ConnectException) {
                return cause.getMessage() == null || cause.getMessage().isBlank()
                        ? "Connection refused" : cause.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}

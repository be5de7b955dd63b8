package dev.dapple.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dapple probe} as registered under {@link DappleCommand}: the clear exits (a refused token, something that
 * is not a Dapple server, bad options). Running against a server is covered by the agent's own tests.
 */
class ProbeCommandTest {

    private static ApplicationContext context;
    private static HttpServer refusing;
    private static HttpServer nginx;
    private static HttpServer badRequest;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("datasources.default.enabled", false, "flyway.datasources.default.enabled", false,
                        "micronaut.health.monitor.enabled", false))
                .start();
        refusing = server(401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\"}");
        nginx = server(200, "text/html", "<html><body>Welcome to nginx!</body></html>");
        badRequest = server(400, "application/problem+json", "{\"status\":400,\"title\":\"Bad Request\","
                + "\"detail\":\"probe must be a name of letters, digits and . _ @ : - (at most 200), not 'a b'\"}");
    }

    @AfterAll
    static void stop() {
        refusing.stop(0);
        nginx.stop(0);
        badRequest.stop(0);
        context.close();
    }

    record Run(int exit, List<String> err) {
    }

    private Run probe(String... args) {
        var err = new StringWriter();
        var all = new ArrayList<>(List.of("probe"));
        all.addAll(List.of(args));
        int exit = new CommandLine(DappleCommand.class, new MicronautFactory(context))
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(exit, err.toString().lines().toList());
    }

    private String tokenFile() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "dpt_secret-token-value\n");
        return file.toString();
    }

    @Test
    void aRefusedTokenExitsWithOneLineSayingWhatToDo() throws IOException {
        String url = url(refusing);
        Run run = probe("--server", url, "--location", "eu-west", "--token-file", tokenFile(), "--data-dir",
                dir.resolve("data").toString());
        assertEquals(new Run(ProbeCommand.EXIT_REFUSED, List.of("dapple probe: the server " + url + " refused this "
                + "probe's token for location eu-west: create one there with 'java -jar dapple.jar token create "
                + "--location eu-west' and pass it with --token-file FILE or DAPPLE_PROBE_TOKEN")), run);
    }

    @Test
    void somethingThatIsNotDappleExitsWithOneLine() throws IOException {
        String url = url(nginx);
        Run run = probe("--server", url + "/", "--location", "eu-west", "--token-file", tokenFile(), "--data-dir",
                dir.resolve("data").toString());
        assertEquals(new Run(ProbeCommand.EXIT_REFUSED, List.of("dapple probe: " + url + " is not a Dapple server: it "
                + "answered HTTP 200 text/html to POST /api/probe/register; check --server (the URL people open the "
                + "dashboard at)")), run);
    }

    @Test
    void aRegistrationTheServerFindsWrongExitsWithItsReason() throws IOException {
        String url = url(badRequest);
        Run run = probe("--server", url, "--location", "eu-west", "--token-file", tokenFile(), "--data-dir",
                dir.resolve("data").toString());
        assertEquals(new Run(ProbeCommand.EXIT_USAGE, List.of("dapple probe: the server " + url + " refused this "
                + "probe: probe must be a name of letters, digits and . _ @ : - (at most 200), not 'a b'")), run);
    }

    @Test
    void badOptionsExitWithTheirError() throws IOException {
        String data = dir.resolve("data").toString();
        assertEquals(new Run(2, List.of("dapple probe: --token-file " + dir.resolve("nope") + ": no such file")),
                probe("--server", "http://127.0.0.1:1", "--location", "eu-west", "--token-file",
                        dir.resolve("nope").toString(), "--data-dir", data));
        assertEquals(new Run(2, List.of("dapple probe: --buffer-size must be a size like 100MiB, 512KiB or 1000000, "
                        + "not 'lots'")),
                probe("--server", "http://127.0.0.1:1", "--location", "eu-west", "--token-file", tokenFile(),
                        "--data-dir", data, "--buffer-size", "lots"));
        assertEquals(new Run(2, List.of("dapple probe: the server must be an http:// or https:// URL like "
                        + "http://dapple.example.com:8080, not 'dapple.example.com'")),
                probe("--server", "dapple.example.com", "--location", "eu-west", "--token-file", tokenFile(),
                        "--data-dir", data));
        Run missing = probe("--location", "eu-west");
        assertEquals(2, missing.exit());
        assertEquals("Missing required option: '--server=URL'", missing.err().getFirst());
    }

    @Test
    void helpListsTheOptions() {
        var out = new StringWriter();
        int exit = new CommandLine(DappleCommand.class, new MicronautFactory(context)).setOut(new PrintWriter(out))
                .execute("probe", "--help");
        assertEquals(0, exit);
        for (String option : List.of("--server=URL", "--location=NAME", "--token-file=FILE", "--data-dir=DIR",
                "--name=NAME", "--buffer-size=SIZE", "DAPPLE_PROBE_TOKEN")) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    private static HttpServer server(int status, String type, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}

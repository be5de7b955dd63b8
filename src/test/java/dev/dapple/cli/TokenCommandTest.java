package dev.dapple.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dapple token} on an H2 file: with no server running, and while a server holds the file. */
class TokenCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, List<String> out, List<String> err) {
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("dapple") + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
    }

    /** One CLI invocation in its own context, as {@code java -jar dapple.jar token ...} runs it. */
    private Run token(String... args) {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).deduceEnvironment(false)
                .properties(Map.of("dapple.db.url", url(), "dapple.data-dir", dir.toString())).start()) {
            var out = new StringWriter();
            var err = new StringWriter();
            var all = new java.util.ArrayList<String>(List.of("token"));
            all.addAll(List.of(args));
            int exit = new CommandLine(DappleCommand.class, new MicronautFactory(context))
                    .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all.toArray(String[]::new));
            return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
        }
    }

    @Test
    void createListAndRevokeWithoutAServer() {
        Run created = token("create", "--location", "eu-west", "--label", "frankfurt-1");
        assertEquals(0, created.exit(), created.err().toString());
        String secret = created.out().getFirst();
        assertTrue(secret.startsWith("dpt_"), secret);
        assertTrue(created.out().get(1).startsWith("Token 1 for location eu-west. It is shown only this once"),
                created.out().toString());
        assertTrue(created.out().get(1).contains("DAPPLE_PROBE_TOKEN"), created.out().toString());

        Run listed = token("list");
        assertEquals(0, listed.exit());
        assertTrue(listed.out().getFirst().startsWith("ID"), listed.out().toString());
        assertTrue(listed.out().get(1).matches("1\\s+eu-west\\s+\\d{4}-.*\\s+-\\s+frankfurt-1"), listed.out().get(1));
        assertTrue(listed.out().stream().noneMatch(l -> l.contains(secret)), "list never shows a token");

        Run revoked = token("revoke", "1");
        assertEquals(0, revoked.exit());
        assertEquals(List.of("Token 1 revoked."), revoked.out());
        assertTrue(!token("list").out().get(1).contains(" - "), "the revocation time is listed");
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        Run badLocation = token("create", "--location", "EU West");
        assertEquals(2, badLocation.exit());
        assertTrue(badLocation.err().getFirst().contains("lowercase letters, digits and '-'"), badLocation.err().toString());
        Run noLocation = token("create");
        assertEquals(2, noLocation.exit());
        assertTrue(noLocation.err().getFirst().contains("--location"), noLocation.err().toString());
        Run unknown = token("revoke", "42");
        assertEquals(2, unknown.exit());
        assertEquals(List.of("dapple token revoke: no token with id 42 (see dapple token list)"), unknown.err());
        assertEquals(List.of("No probe tokens. Create one with: dapple token create --location NAME"), token("list").out());
    }

    @Test
    void aTokenCreatedWhileTheServerRunsIsAcceptedAtOnce() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("dapple.db.url", url(),
                "dapple.probe.embedded", "false", "dapple.data-dir", dir.toString()), "test")) {
            Run created = token("create", "--location", "us-east");
            assertEquals(0, created.exit(), created.err().toString());
            HttpResponse<String> welcome = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/api/probe/register"))
                    .header("Authorization", "Bearer " + created.out().getFirst())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"probe\":\"p1\",\"version\":\"1\",\"capacity\":4}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, welcome.statusCode(), welcome.body());
            assertTrue(welcome.body().contains("\"location\":\"us-east\""), welcome.body());
            assertTrue(welcome.body().contains("\"heartbeatInterval\":\"PT10S\""), welcome.body());

            assertEquals(0, token("revoke", "1").exit());
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.getURL() + "/api/probe/assignments?probe=p1"))
                    .header("Authorization", "Bearer " + created.out().getFirst()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), "revoked while the server runs: refused at once");
        }
    }
}

package dev.dapple.probe;

import static dev.dapple.probe.TestJourneys.PLAN;
import static dev.dapple.probe.TestJourneys.parse;
import static dev.dapple.probe.TestJourneys.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.dapple.probe.http.HttpExchanger;
import dev.dapple.probe.http.ProbeHttpConfiguration;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.secret.Secrets;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The runner against a real HTTP target: chaining, extracts, request building, outcomes, config errors, masking. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyRunnerTest implements TestPropertyProvider {

    static final String PASSWORD = "hunter2-Zq9";

    @Inject
    JourneyRunner runner;
    @Inject
    HttpExchanger exchanger;
    @Inject
    ProbeHttpConfiguration http;
    @Inject
    Secrets secrets;
    @Inject
    Clock clock;
    @Inject
    JsonMapper json;

    JourneyTarget target;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("dapple-secrets");
            Files.writeString(dir.resolve("SHOP_PASSWORD"), PASSWORD + "\n");
            target = JourneyTarget.http();
            return Map.of("dapple.secrets-dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        target.close();
    }

    @BeforeEach
    void clear() {
        target.clear();
    }

    private JourneyRunner withEnvironment(Map<String, String> environment) {
        return new JourneyRunner(exchanger, http.maxBody(), secrets, clock, environment::get);
    }

    @Test
    void aTokenExtractedAtLoginAuthorizesTheNextStep() {
        RunResult run = runner.run(parse("""
                name: chaining
                interval: 1m
                variables:
                  base: %s
                steps:
                  - name: login
                    post: ${base}/api/login
                    json: { user: qa-bot, password: "${secret.SHOP_PASSWORD}" }
                    expect: [status == 200, $.token exists]
                    extract: { token: $.token }
                  - name: me
                    get: ${base}/api/me
                    headers: { Authorization: "Bearer ${token}" }
                    expect: [status == 200, $.user == "qa-bot"]
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.UP, run.outcome(), run::toString);
        assertNull(run.errorKind());
        assertNull(run.error());
        assertEquals(List.of(StepOutcome.PASSED, StepOutcome.PASSED), run.steps().stream().map(StepResult::outcome).toList());
        assertEquals(200, step(run, "me").httpStatus());
        assertEquals("{\"user\":\"qa-bot\"}", step(run, "me").excerpt());
        assertEquals(1, step(run, "me").attempts());
        assertEquals("Bearer t-123", target.received().get(1).header("Authorization"));
        assertEquals("chaining", run.journey());
        assertEquals("test-location", run.location());
        assertEquals("test-probe", run.probe());
        assertEquals(PLAN.plannedAt(), run.plannedAt());
    }

    @Test
    void everyExtractSourceFeedsLaterSteps() {
        RunResult run = runner.run(parse("""
                name: extracts
                interval: 1m
                steps:
                  - name: login
                    post: %1$s/api/login
                    extract:
                      token: $.token
                      session: header.x-session
                      login_status: status
                  - name: page
                    get: %1$s/page
                    extract:
                      csrf: regex "name=\\"csrf\\" value=\\"([^\\"]+)\\""
                  - name: use
                    post: %1$s/echo
                    json: { token: "${token}", session: "${session}", status: "${login_status}", csrf: "${csrf}" }
                    expect:
                      - $.token == "t-123"
                      - $.session == "s-42"
                      - $.status == "200"
                      - $.csrf == "c-9"
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.UP, run.outcome(), run::toString);
        assertEquals("{\"token\":\"t-123\",\"session\":\"s-42\",\"status\":\"200\",\"csrf\":\"c-9\"}",
                target.received().get(2).body());
    }

    @Test
    void anExtractThatFindsNothingFailsTheStep() {
        RunResult run = runner.run(parse("""
                name: extract-misses
                interval: 1m
                steps:
                  - name: json
                    get: %1$s/cart
                    critical: false
                    extract: { coupon: $.coupon }
                  - name: header
                    get: %1$s/cart
                    critical: false
                    extract: { session: header.X-Session }
                  - name: regex
                    get: %1$s/cart
                    critical: false
                    extract: { csrf: regex "csrf=(\\w+)" }
                  - name: not-json
                    get: %1$s/text
                    critical: false
                    extract: { id: $.id }
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.DEGRADED, run.outcome(), run::toString);
        assertEquals(ErrorKind.ASSERTION, run.errorKind());
        assertEquals("json: cannot extract coupon: nothing at $.coupon in the response", run.error());
        assertExtractFailed(step(run, "json"), "cannot extract coupon: nothing at $.coupon in the response");
        assertExtractFailed(step(run, "header"), "cannot extract session: the response has no X-Session header");
        assertExtractFailed(step(run, "regex"), "cannot extract csrf: regex \"csrf=(\\w+)\" does not match the body");
        assertExtractFailed(step(run, "not-json"), "cannot extract id: the response body is not JSON");
    }

    private static void assertExtractFailed(StepResult step, String error) {
        assertEquals(StepOutcome.FAILED, step.outcome(), step::toString);
        assertEquals(ErrorKind.ASSERTION, step.errorKind());
        assertEquals(error, step.error());
        assertEquals(200, step.httpStatus());
        assertEquals(List.of(), step.failures());
    }

    @Test
    void aFailedNonCriticalStepDegradesTheRun() {
        RunResult run = runner.run(parse("""
                name: degraded
                interval: 1m
                steps:
                  - name: cart
                    get: %1$s/cart
                  - name: recommendations
                    get: %1$s/status/503
                    critical: false
                  - name: after
                    get: %1$s/cart
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.DEGRADED, run.outcome(), run::toString);
        assertEquals(ErrorKind.ASSERTION, run.errorKind());
        assertEquals("recommendations: status < 400: found 503", run.error());
        StepResult failed = step(run, "recommendations");
        assertEquals(StepOutcome.FAILED, failed.outcome());
        assertEquals(503, failed.httpStatus());
        assertEquals(List.of(new StepResult.AssertionFailure("status < 400", "< 400", "503")), failed.failures());
        assertEquals("status", failed.excerpt());
        assertEquals(StepOutcome.PASSED, step(run, "after").outcome());
    }

    @Test
    void aFailedCriticalStepMakesTheRunDownAndSkipsAllButAlwaysSteps() {
        RunResult run = runner.run(parse("""
                name: down
                interval: 1m
                steps:
                  - name: optional
                    get: %1$s/status/500
                    critical: false
                  - name: pay
                    get: %1$s/status/502
                    expect: [status == 200]
                  - name: receipt
                    get: %1$s/cart
                  - name: logout
                    delete: %1$s/echo
                    always: true
                  - name: survey
                    get: %1$s/cart
                    critical: false
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.DOWN, run.outcome(), run::toString);
        assertEquals(ErrorKind.ASSERTION, run.errorKind());
        assertEquals("pay: status == 200: found 502", run.error());
        assertEquals(List.of(StepOutcome.FAILED, StepOutcome.FAILED, StepOutcome.SKIPPED, StepOutcome.PASSED,
                StepOutcome.SKIPPED), run.steps().stream().map(StepResult::outcome).toList());
        StepResult skipped = step(run, "receipt");
        assertNull(skipped.httpStatus());
        assertNull(skipped.durationUs());
        assertEquals(0, skipped.attempts());
        assertEquals(List.of("/status/500", "/status/502", "/echo"), target.received().stream().map(r -> r.path()).toList());
        assertEquals("DELETE", target.received().get(2).method());
    }

    @Test
    void aMissingEnvironmentVariableIsAConfigErrorBeforeAnyRequest() {
        RunResult run = withEnvironment(Map.of("SHOP_URL", target.base())).run(parse("""
                name: missing-env
                interval: 1m
                variables:
                  base: ${env.SHOP_URL}
                steps:
                  - name: first
                    get: ${base}/cart
                  - name: second
                    get: ${base}/cart
                    headers: { X-Region: "${env.DAPPLE_TEST_REGION}" }
                """), PLAN);

        assertEquals(Outcome.ERROR, run.outcome(), run::toString);
        assertEquals(ErrorKind.CONFIG, run.errorKind());
        assertEquals("env.DAPPLE_TEST_REGION is not set on this probe", run.error());
        assertTrue(run.steps().stream().allMatch(s -> s.outcome() == StepOutcome.SKIPPED), run::toString);
        assertEquals(List.of(), target.received());
    }

    @Test
    void aMissingSecretIsAConfigErrorBeforeAnyRequest() {
        RunResult run = runner.run(parse("""
                name: missing-secret
                interval: 1m
                steps:
                  - name: first
                    get: %s/cart
                  - name: login
                    post: %1$s/api/login
                    form: { password: "${secret.DAPPLE_TEST_NO_SUCH_SECRET}" }
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.ERROR, run.outcome(), run::toString);
        assertEquals(ErrorKind.CONFIG, run.errorKind());
        assertEquals("secret.DAPPLE_TEST_NO_SUCH_SECRET is not set on this probe", run.error());
        assertEquals(List.of(StepOutcome.SKIPPED, StepOutcome.SKIPPED), run.steps().stream().map(StepResult::outcome).toList());
        assertEquals(List.of(), target.received());
    }

    @Test
    void environmentValuesAreUsed() {
        RunResult run = withEnvironment(Map.of("SHOP_URL", target.base(), "REGION", "eu-west")).run(parse("""
                name: env
                interval: 1m
                variables:
                  base: ${env.SHOP_URL}
                steps:
                  - name: first
                    get: ${base}/echo
                    headers: { X-Region: "${env.REGION}" }
                """), PLAN);

        assertEquals(Outcome.UP, run.outcome(), run::toString);
        assertEquals("eu-west", target.last().header("X-Region"));
    }

    @Test
    void aSecretNeverAppearsInTheResult() throws IOException {
        RunResult run = runner.run(parse("""
                name: masking
                interval: 1m
                variables:
                  base: %s
                  password: ${secret.SHOP_PASSWORD}
                steps:
                  - name: login
                    post: ${base}/echo
                    headers: { X-Password: "${password}" }
                    json: { user: qa-bot, password: "${password}" }
                    critical: false
                    expect:
                      - body contains "welcome"
                      - header.X-Got-X-password == "other"
                      - $.password == "other"
                    extract: { echoed: $.password }
                  - name: shout
                    post: ${base}/echo
                    text: "the password is ${secret.SHOP_PASSWORD}!"
                    expect: [body == "nothing"]
                    critical: false
                  - name: lookup
                    get: http://x${secret.SHOP_PASSWORD}.invalid/
                    critical: false
                """.formatted(target.base())), PLAN);

        assertEquals(PASSWORD, target.received().get(0).header("X-Password"), "the target gets the real value");
        assertEquals("{\"user\":\"qa-bot\",\"password\":\"" + PASSWORD + "\"}", target.received().get(0).body());
        assertEquals(Outcome.DEGRADED, run.outcome(), run::toString);
        StepResult login = step(run, "login");
        assertEquals(List.of(
                new StepResult.AssertionFailure("body contains \"welcome\"", "contains \"welcome\"",
                        "\"{\"user\":\"qa-bot\",\"password\":\"••••\"}\""),
                new StepResult.AssertionFailure("header.X-Got-X-password == \"other\"", "== \"other\"", "\"••••\""),
                new StepResult.AssertionFailure("$.password == \"other\"", "== \"other\"", "\"••••\"")),
                login.failures());
        assertEquals("{\"user\":\"qa-bot\",\"password\":\"••••\"}", login.excerpt());
        assertEquals("body contains \"welcome\": found \"{\"user\":\"qa-bot\",\"password\":\"••••\"}\" (and 2 more)",
                login.error());
        assertEquals("the password is ••••!", step(run, "shout").excerpt());
        assertEquals(ErrorKind.DNS, step(run, "lookup").errorKind());
        assertEquals("cannot resolve host x••••.invalid", step(run, "lookup").error());

        String serialized = json.writeValueAsString(run);
        assertFalse(serialized.contains(PASSWORD), serialized);
        assertTrue(serialized.contains("••••"), serialized);
    }

    @Test
    void queryFormTextAndJsonBodiesAreSentAsWritten() {
        long before = System.currentTimeMillis();
        RunResult run = runner.run(parse("""
                name: requests
                interval: 1m
                variables:
                  base: %s
                  item: mug & cup
                steps:
                  - name: search
                    get: ${base}/echo?fixed=1
                    query:
                      q: ${item}
                      page: ${random(1,3)}
                      "a b": "x=y/z"
                  - name: profile
                    patch: ${base}/echo
                    form:
                      nickname: QA Bot
                      note: a&b=c ü
                  - name: note
                    put: ${base}/echo
                    text: "line with ${item}"
                  - name: csv
                    post: ${base}/echo
                    headers: { Content-Type: text/csv }
                    text: "a,b"
                  - name: order
                    post: ${base}/echo
                    headers: { X-Request: "${uuid}" }
                    json:
                      item: "${item}"
                      quote: 'say "hi"\\n'
                      id: ${uuid}
                      at: ${now}
                      qty: ${random(1,3)}
                      count: 3
                      price: 12.50
                      gift: true
                      note: null
                      tags: [a, "${item}"]
                """.formatted(target.base())), PLAN);
        long after = System.currentTimeMillis();

        assertEquals(Outcome.UP, run.outcome(), run::toString);
        List<JourneyTarget.Received> got = target.received();

        JourneyTarget.Received search = got.get(0);
        assertEquals("GET", search.method());
        assertTrue(search.rawQuery().matches("fixed=1&q=mug%20%26%20cup&page=[123]&a%20b=x%3Dy%2Fz"), search.rawQuery());
        assertEquals("", search.body());

        JourneyTarget.Received profile = got.get(1);
        assertEquals("PATCH", profile.method());
        assertEquals("application/x-www-form-urlencoded", profile.header("Content-Type"));
        assertEquals("nickname=QA%20Bot&note=a%26b%3Dc%20%C3%BC", profile.body());

        JourneyTarget.Received note = got.get(2);
        assertEquals("PUT", note.method());
        assertEquals("text/plain; charset=utf-8", note.header("Content-Type"));
        assertEquals("line with mug & cup", note.body());

        assertEquals("text/csv", got.get(3).header("Content-Type"));
        assertEquals(1, got.get(3).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).mapToInt(e -> e.getValue().size()).sum());

        JourneyTarget.Received order = got.get(4);
        assertEquals("application/json", order.header("Content-Type"));
        String body = order.body();
        assertEquals("mug & cup", JsonPath.read(body, "$.item"));
        assertEquals("say \"hi\"\\n", JsonPath.read(body, "$.quote"));
        UUID.fromString(JsonPath.read(body, "$.id"));
        UUID.fromString(order.header("X-Request"));
        long at = Long.parseLong(JsonPath.read(body, "$.at"));
        assertTrue(at >= before && at <= after, () -> at + " not in [" + before + ", " + after + "]");
        int qty = Integer.parseInt(JsonPath.read(body, "$.qty"));
        assertTrue(qty >= 1 && qty <= 3, () -> "qty " + qty);
        assertEquals(3, (Integer) JsonPath.read(body, "$.count"));
        assertTrue(body.contains("\"price\":12.50") || body.contains("\"price\":12.5"), body);
        assertEquals(Boolean.TRUE, JsonPath.read(body, "$.gift"));
        assertNull(JsonPath.read(body, "$.note"));
        assertEquals(List.of("a", "mug & cup"), JsonPath.read(body, "$.tags"));
    }
}

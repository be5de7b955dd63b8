package dev.dapple.probe;

import static dev.dapple.probe.TestJourneys.PLAN;
import static dev.dapple.probe.TestJourneys.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.result.StepResult.AssertionFailure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every assertion operator, passing and failing, on every subject (tls.days_left over HTTPS: JourneyRunnerFailuresTest). */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyRunnerAssertionsTest {

    static final int CART_SIZE = JourneyTarget.CART.getBytes(StandardCharsets.UTF_8).length;
    static final String CART_SHOWN = '"' + JourneyTarget.CART + '"'; // under the 200 characters a failure shows

    @Inject
    JourneyRunner runner;

    JourneyTarget target;

    @BeforeAll
    void start() throws IOException {
        target = JourneyTarget.http();
    }

    @AfterAll
    void stop() {
        target.close();
    }

    private StepResult cart(String... expect) {
        var yaml = new StringBuilder("""
                name: assertions
                interval: 1m
                steps:
                  - name: cart
                    get: %s/cart
                    expect:
                """.formatted(target.base()));
        for (String e : expect) {
            yaml.append("      - '").append(e.replace("'", "''")).append("'\n");
        }
        RunResult run = runner.run(parse(yaml.toString()), PLAN);
        return run.steps().getFirst();
    }

    @Test
    void everyOperatorPassesOnEverySubject() {
        StepResult step = cart(
                "status == 200", "status != 204", "status < 300", "status <= 200", "status > 199", "status >= 200",
                "status in [200, 201]",
                "duration < 5s", "duration <= 5s", "duration != 5s",
                "size == " + CART_SIZE, "size != 0", "size > 10", "size >= " + CART_SIZE, "size < 100000",
                "size <= " + CART_SIZE, "size in [1, " + CART_SIZE + "]",
                "body contains \"MUG-001\"", "body !contains \"error\"", "body matches \"\\\"total\\\":\\s*\\d+\"",
                "body == \"" + JourneyTarget.CART.replace("\"", "\\\"") + "\"", "body != \"\"",
                "header.Content-Type contains \"json\"", "header.content-type !contains \"xml\"",
                "header.Content-Type matches \"^application/json\"", "header.X-Request-Id == \"r-1\"",
                "header.X-Request-Id != \"r-2\"", "header.X-Request-Id in [\"r-0\", \"r-1\"]",
                "header.X-Request-Id exists", "header.X-Debug !exists",
                "$.items.length() > 0", "$.items.length() == 1", "$.items.length() < 2", "$.items.length() <= 1",
                "$.items.length() >= 1", "$.tags contains \"mug\"", "$.tags !contains \"sale\"",
                "$.items[0].sku == \"MUG-001\"", "$.items[0].sku != \"TEA-002\"", "$.items[0].sku contains \"MUG\"",
                "$.items[0].sku matches \"^[A-Z]+-\\d{3}$\"", "$.items[0].qty >= 2", "$.items[0].price < 13",
                "$.items[0].price <= 12.5", "$.items[0].price == 12.5", "$['currency'] in [\"EUR\", \"USD\"]",
                "$.discount == null", "$.locked == false", "$.locked != true", "$.total in [25, 30]",
                "$.error !exists", "$.total exists", "$.items[0] contains \"sku\"");

        assertEquals(StepOutcome.PASSED, step.outcome(), step::toString);
        assertEquals(List.of(), step.failures());
        assertNull(step.errorKind());
        assertNull(step.error());
        assertEquals(200, step.httpStatus());
        assertEquals(JourneyTarget.CART, step.excerpt());
    }

    @Test
    void everyOperatorFailsOnEverySubjectWithWhatItFound() {
        StepResult step = cart(
                "status == 201", "status != 200", "status < 200", "status <= 199", "status > 200", "status >= 201",
                "status in [201, 204]",
                "duration > 10s", "duration >= 10s", "duration == 10s",
                "size < 10", "size > 100000", "size == 1",
                "body contains \"SALE\"", "body !contains \"MUG\"", "body matches \"^<html\"", "body == \"\"",
                "header.X-Request-Id == \"r-2\"", "header.X-Request-Id != \"r-1\"", "header.X-Debug exists",
                "header.X-Request-Id !exists", "header.Content-Type !contains \"json\"", "header.X-Debug == \"on\"",
                "header.X-Request-Id in [\"r-2\", \"r-3\"]",
                "$.items.length() > 5", "$.tags contains \"sale\"", "$.tags !contains \"mug\"", "$.missing exists",
                "$.total !exists", "$.currency in [\"USD\", \"GBP\"]", "$.locked == true", "$.discount != null",
                "$.items[0].price >= 13", "$.items[0].sku matches \"^TEA\"", "$.missing == 1",
                "tls.days_left > 1");

        assertEquals(StepOutcome.FAILED, step.outcome());
        assertEquals(ErrorKind.ASSERTION, step.errorKind());
        assertEquals(200, step.httpStatus());
        assertEquals("status == 201: found 200 (and 35 more)", step.error());
        List<AssertionFailure> failures = step.failures();
        var duration = failures.stream().filter(f -> f.assertion().startsWith("duration")).toList();
        assertEquals(3, duration.size());
        duration.forEach(f -> assertTrue(f.actual().matches("\\d+ms"), f::toString));
        String size = Integer.toString(CART_SIZE);
        assertEquals(List.of(
                failure("status == 201", "== 201", "200"),
                failure("status != 200", "!= 200", "200"),
                failure("status < 200", "< 200", "200"),
                failure("status <= 199", "<= 199", "200"),
                failure("status > 200", "> 200", "200"),
                failure("status >= 201", ">= 201", "200"),
                failure("status in [201, 204]", "in [201, 204]", "200"),
                failure("duration > 10s", "> 10s", duration.get(0).actual()),
                failure("duration >= 10s", ">= 10s", duration.get(1).actual()),
                failure("duration == 10s", "== 10s", duration.get(2).actual()),
                failure("size < 10", "< 10", size),
                failure("size > 100000", "> 100000", size),
                failure("size == 1", "== 1", size),
                failure("body contains \"SALE\"", "contains \"SALE\"", CART_SHOWN),
                failure("body !contains \"MUG\"", "!contains \"MUG\"", CART_SHOWN),
                failure("body matches \"^<html\"", "matches \"^<html\"", CART_SHOWN),
                failure("body == \"\"", "== \"\"", CART_SHOWN),
                failure("header.X-Request-Id == \"r-2\"", "== \"r-2\"", "\"r-1\""),
                failure("header.X-Request-Id != \"r-1\"", "!= \"r-1\"", "\"r-1\""),
                failure("header.X-Debug exists", "exists", "no X-Debug header"),
                failure("header.X-Request-Id !exists", "!exists", "\"r-1\""),
                failure("header.Content-Type !contains \"json\"", "!contains \"json\"", "\"application/json; charset=utf-8\""),
                failure("header.X-Debug == \"on\"", "== \"on\"", "no X-Debug header"),
                failure("header.X-Request-Id in [\"r-2\", \"r-3\"]", "in [\"r-2\", \"r-3\"]", "\"r-1\""),
                failure("$.items.length() > 5", "> 5", "1"),
                failure("$.tags contains \"sale\"", "contains \"sale\"", "[\"gift\", \"mug\"]"),
                failure("$.tags !contains \"mug\"", "!contains \"mug\"", "[\"gift\", \"mug\"]"),
                failure("$.missing exists", "exists", "nothing at $.missing"),
                failure("$.total !exists", "!exists", "25"),
                failure("$.currency in [\"USD\", \"GBP\"]", "in [\"USD\", \"GBP\"]", "\"EUR\""),
                failure("$.locked == true", "== true", "false"),
                failure("$.discount != null", "!= null", "null"),
                failure("$.items[0].price >= 13", ">= 13", "12.5"),
                failure("$.items[0].sku matches \"^TEA\"", "matches \"^TEA\"", "\"MUG-001\""),
                failure("$.missing == 1", "== 1", "nothing at $.missing"),
                failure("tls.days_left > 1", "> 1", "no TLS certificate (plain HTTP)")), failures);
    }

    private static AssertionFailure failure(String assertion, String expected, String actual) {
        return new AssertionFailure(assertion, expected, actual);
    }

    @Test
    void aFilterPathWithAnOperatorInsideReportsTheAssertionsOwnExpectation() {
        StepResult step = cart("$.items[?(@.qty == 2)].sku contains \"TEA-002\"", "$.items[?(@.qty == 2)].qty == 3");

        assertEquals(List.of(
                failure("$.items[?(@.qty == 2)].sku contains \"TEA-002\"", "contains \"TEA-002\"", "[\"MUG-001\"]"),
                failure("$.items[?(@.qty == 2)].qty == 3", "== 3", "[2]")), step.failures());
    }

    @Test
    void aJsonPathOnABodyThatIsNotJsonSaysSo() {
        RunResult run = runner.run(parse("""
                name: not-json
                interval: 1m
                steps:
                  - name: text
                    get: %s/text
                    expect: [status == 200, body == "just text", $.ok exists]
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.ASSERTION, run.errorKind());
        assertEquals("text: $.ok exists: found the response body is not JSON", run.error());
        assertEquals(List.of(failure("$.ok exists", "exists", "the response body is not JSON")),
                run.steps().getFirst().failures());
    }

    @Test
    void withoutExpectAStatusBelow400Passes() {
        RunResult run = runner.run(parse("""
                name: default-expect
                interval: 1m
                steps:
                  - name: ok
                    get: %1$s/status/201
                  - name: bad
                    get: %1$s/status/400
                """.formatted(target.base())), PLAN);

        assertEquals(List.of(StepOutcome.PASSED, StepOutcome.FAILED), run.steps().stream().map(StepResult::outcome).toList());
        assertEquals(List.of(failure("status < 400", "< 400", "400")), run.steps().get(1).failures());
    }
}

package dev.dapple.probe;

import static dev.dapple.probe.TestJourneys.PLAN;
import static dev.dapple.probe.TestJourneys.parse;
import static dev.dapple.probe.TestJourneys.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.probe.http.HttpExchanger;
import dev.dapple.probe.http.TestCertificates;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.Outcome;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.result.StepResult.AssertionFailure;
import dev.dapple.secret.Secrets;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What goes wrong on the way: timeouts, retries, the body cap, refused, DNS, TLS, and redirects. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyRunnerFailuresTest {

    /** How long the slow target waits: a run that returns well before this did not wait for it. */
    static final int SLOW_MS = 3000;
    static final Duration PROMPT = Duration.ofMillis(1500);

    @Inject
    JourneyRunner runner;
    @Inject
    HttpExchanger exchanger;
    @Inject
    Secrets secrets;
    @Inject
    Clock clock;

    JourneyTarget target;
    JourneyTarget tlsTarget;
    Path journeyFile;

    @BeforeAll
    void start() throws Exception {
        Path journeys = Files.createDirectories(Files.createTempDirectory("dapple-journeys").resolve("journeys"));
        Path certs = Files.createDirectories(journeys.resolve("certs"));
        journeyFile = journeys.resolve("shop.yaml");
        var certificate = TestCertificates.create(certs, "shop", "ip:127.0.0.1,dns:localhost", 30, null);
        target = JourneyTarget.http();
        tlsTarget = JourneyTarget.https(certificate.serverContext());
    }

    @AfterAll
    void stop() {
        target.close();
        tlsTarget.close();
    }

    @BeforeEach
    void clear() {
        target.clear();
    }

    private RunResult run(String yaml) {
        return runner.run(parse(yaml, journeyFile), PLAN);
    }

    private static void assertPrompt(long startNanos, RunResult run) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        assertTrue(took.compareTo(PROMPT) < 0, () -> "the run took " + took + ": " + run);
        assertTrue(run.durationUs() < PROMPT.toNanos() / 1000, run::toString);
    }

    @Test
    void aStepTimeoutFailsTheStepPromptly() {
        long start = System.nanoTime();
        RunResult run = run("""
                name: step-timeout
                interval: 1m
                steps:
                  - name: slow
                    get: %1$s/delay?ms=%2$d
                    timeout: 300ms
                  - name: next
                    get: %1$s/cart
                """.formatted(target.base(), SLOW_MS));

        assertPrompt(start, run);
        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.TIMEOUT, run.errorKind());
        assertEquals("slow: no response within 300ms", run.error());
        StepResult slow = step(run, "slow");
        assertEquals(StepOutcome.FAILED, slow.outcome());
        assertEquals(ErrorKind.TIMEOUT, slow.errorKind());
        assertNull(slow.httpStatus());
        assertEquals(1, slow.attempts());
        assertTrue(slow.durationUs() >= 300_000, slow::toString);
        assertEquals(StepOutcome.SKIPPED, step(run, "next").outcome());
    }

    @Test
    void theJourneyTimeoutBoundsTheWholeRunAndSkipsEvenAlwaysSteps() {
        long start = System.nanoTime();
        RunResult run = run("""
                name: journey-timeout
                interval: 1m
                timeout: 300ms
                steps:
                  - name: cart
                    get: %1$s/cart
                  - name: slow
                    get: %1$s/delay?ms=%2$d
                  - name: logout
                    delete: %1$s/echo
                    always: true
                """.formatted(target.base(), SLOW_MS));

        assertPrompt(start, run);
        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.TIMEOUT, run.errorKind());
        assertEquals("slow: the run exceeded the journey's timeout of 300ms", run.error());
        assertEquals(List.of(StepOutcome.PASSED, StepOutcome.FAILED, StepOutcome.SKIPPED),
                run.steps().stream().map(StepResult::outcome).toList());
        assertEquals(ErrorKind.TIMEOUT, step(run, "slow").errorKind());
    }

    @Test
    void aRunOutOfTimeInANonCriticalStepIsDown() {
        long start = System.nanoTime();
        RunResult run = run("""
                name: journey-timeout-optional
                interval: 1m
                timeout: 300ms
                steps:
                  - name: recommendations
                    get: %1$s/delay?ms=%2$d
                    critical: false
                  - name: pay
                    get: %1$s/cart
                """.formatted(target.base(), SLOW_MS));

        assertPrompt(start, run);
        assertEquals(Outcome.DOWN, run.outcome(), "the run did not complete: " + run);
        assertEquals(ErrorKind.TIMEOUT, run.errorKind());
        assertEquals("recommendations: the run exceeded the journey's timeout of 300ms", run.error());
        assertEquals(List.of(StepOutcome.FAILED, StepOutcome.SKIPPED), run.steps().stream().map(StepResult::outcome).toList());
    }

    @Test
    void aRefusedConnectionIsRetriedAndCountsAttempts() throws Exception {
        int port = JourneyTarget.closedPort();
        RunResult run = run("""
                name: refused
                interval: 1m
                steps:
                  - name: login
                    get: http://127.0.0.1:%d/api/login
                    retries: 2
                """.formatted(port));

        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.CONNECTION_REFUSED, run.errorKind());
        assertEquals("login: connection refused by 127.0.0.1:" + port + " (3 attempts)", run.error());
        StepResult login = run.steps().getFirst();
        assertEquals(ErrorKind.CONNECTION_REFUSED, login.errorKind());
        assertEquals(3, login.attempts());
        assertNull(login.httpStatus());
    }

    @Test
    void aRefusedConnectionWithoutRetriesIsOneAttempt() throws Exception {
        int port = JourneyTarget.closedPort();
        RunResult run = run("""
                name: refused-once
                interval: 1m
                steps:
                  - name: login
                    get: http://127.0.0.1:%d/
                """.formatted(port));

        assertEquals(ErrorKind.CONNECTION_REFUSED, run.errorKind());
        assertEquals("login: connection refused by 127.0.0.1:" + port, run.error());
        assertEquals(1, run.steps().getFirst().attempts());
    }

    @Test
    void aTimeoutIsRetried() {
        RunResult run = run("""
                name: retried-timeout
                interval: 1m
                steps:
                  - name: slow
                    get: %s/delay?ms=%d
                    timeout: 100ms
                    retries: 1
                """.formatted(target.base(), SLOW_MS));

        assertEquals(ErrorKind.TIMEOUT, run.errorKind());
        assertEquals("slow: no response within 100ms (2 attempts)", run.error());
        assertEquals(2, run.steps().getFirst().attempts());
        assertEquals(2, target.received().size());
    }

    @Test
    void aFailedAssertionIsNeverRetried() {
        RunResult run = run("""
                name: not-retried
                interval: 1m
                steps:
                  - name: pay
                    post: %s/status/500
                    retries: 2
                """.formatted(target.base()));

        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.ASSERTION, run.errorKind());
        StepResult pay = run.steps().getFirst();
        assertEquals(1, pay.attempts());
        assertEquals(500, pay.httpStatus());
        assertEquals(List.of(new AssertionFailure("status < 400", "< 400", "500")), pay.failures());
        assertEquals(1, target.received().size());
    }

    @Test
    void aBodyOverTheCapFailsTheStep() {
        var capped = new JourneyRunner(exchanger, 1000, secrets, clock, Map.<String, String>of()::get);
        RunResult run = capped.run(parse("""
                name: body-cap
                interval: 1m
                steps:
                  - name: big
                    get: %1$s/big
                  - name: small
                    get: %1$s/cart
                    always: true
                """.formatted(target.base())), PLAN);

        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.BODY_TOO_LARGE, run.errorKind());
        assertEquals("big: response body exceeds 1000 bytes (dapple.probe.max-body)", run.error());
        StepResult big = step(run, "big");
        assertEquals(ErrorKind.BODY_TOO_LARGE, big.errorKind());
        assertNull(big.excerpt());
        assertEquals(StepOutcome.PASSED, step(run, "small").outcome(), "a body under the cap is read");
    }

    @Test
    void anUnresolvableHostIsADnsFailure() {
        RunResult run = run("""
                name: dns
                interval: 1m
                steps:
                  - name: home
                    get: http://nope.invalid/
                    timeout: 5s
                """);

        assertEquals(Outcome.DOWN, run.outcome());
        assertEquals(ErrorKind.DNS, run.errorKind());
        assertEquals("home: cannot resolve host nope.invalid", run.error());
        assertEquals(ErrorKind.DNS, run.steps().getFirst().errorKind());
    }

    @Test
    void aSelfSignedCertificateFailsUnlessTrustedOrInsecure() {
        RunResult run = run("""
                name: tls
                interval: 1m
                steps:
                  - name: verified
                    get: %1$s/cart
                    critical: false
                  - name: trusted
                    get: %1$s/cart
                    tls: { ca: certs/shop.pem }
                    expect: [status == 200, tls.days_left > 20, tls.days_left <= 30]
                  - name: expiring
                    get: %1$s/cart
                    tls: { ca: certs/shop.pem }
                    expect: [tls.days_left < 10]
                    critical: false
                  - name: insecure
                    get: %1$s/cart
                    tls: { insecure: true }
                    expect: [$.currency == "EUR"]
                """.formatted(tlsTarget.base()));

        assertEquals(Outcome.DEGRADED, run.outcome(), run::toString);
        StepResult verified = step(run, "verified");
        assertEquals(StepOutcome.FAILED, verified.outcome());
        assertEquals(ErrorKind.TLS, verified.errorKind());
        assertTrue(verified.error().startsWith("TLS handshake with 127.0.0.1:" + tlsTarget.port() + " failed: "),
                verified::error);
        assertEquals(StepOutcome.PASSED, step(run, "trusted").outcome(), () -> step(run, "trusted").toString());
        assertEquals(200, step(run, "trusted").httpStatus());
        StepResult expiring = step(run, "expiring");
        assertEquals(1, expiring.failures().size());
        AssertionFailure days = expiring.failures().getFirst();
        assertEquals("tls.days_left < 10", days.assertion());
        assertEquals("< 10", days.expected());
        assertTrue(List.of("29", "30").contains(days.actual()), days::toString);
        assertEquals(StepOutcome.PASSED, step(run, "insecure").outcome());
    }

    @Test
    void redirectsAreFollowedUnlessTurnedOff() {
        RunResult run = run("""
                name: redirects
                interval: 1m
                steps:
                  - name: followed
                    get: %1$s/redirect
                    expect: [status == 200, $.currency == "EUR"]
                  - name: not-followed
                    get: %1$s/redirect
                    follow_redirects: false
                    expect: [status == 302, header.Location == "/cart", size == 0]
                  - name: default-expect
                    get: %1$s/redirect
                    follow_redirects: false
                """.formatted(target.base()));

        assertEquals(Outcome.UP, run.outcome(), run::toString);
        assertEquals(200, step(run, "followed").httpStatus());
        assertEquals(302, step(run, "not-followed").httpStatus());
        assertEquals(List.of("/redirect", "/cart", "/redirect", "/redirect"),
                target.received().stream().map(JourneyTarget.Received::path).toList());
    }
}

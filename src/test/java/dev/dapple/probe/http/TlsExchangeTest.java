package dev.dapple.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.probe.http.ExchangeResult.Failure;
import dev.dapple.probe.http.ExchangeResult.Response;
import dev.dapple.result.ErrorKind;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** HTTPS against real servers with keytool-made certificates: trusted through caFile, insecure, and refused. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsExchangeTest {

    @Inject
    HttpExchanger exchanger;

    Path dir;
    TestCertificates good;
    TestCertificates wrongHost;
    TestCertificates expired;
    TestTarget goodTarget;
    TestTarget wrongHostTarget;
    TestTarget expiredTarget;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("dapple-tls");
        // keytool starts a JVM per call: make the three certificates side by side
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var g = pool.submit(() -> TestCertificates.create(dir, "good", "ip:127.0.0.1,dns:localhost", 30, null));
            var w = pool.submit(() -> TestCertificates.create(dir, "wrong-host", "dns:shop.example.com", 30, null));
            var e = pool.submit(() -> TestCertificates.create(dir, "expired", "ip:127.0.0.1,dns:localhost", 30, "-60d"));
            good = g.get();
            wrongHost = w.get();
            expired = e.get();
        }
        goodTarget = TestTarget.https(good.serverContext());
        wrongHostTarget = TestTarget.https(wrongHost.serverContext());
        expiredTarget = TestTarget.https(expired.serverContext());
    }

    @AfterAll
    void stop() {
        goodTarget.close();
        wrongHostTarget.close();
        expiredTarget.close();
    }

    private ExchangeResult get(TestTarget target, TlsOptions tls) {
        return exchanger.exchange(ExchangeRequest.of("GET", target.uri("/hello")).withTls(tls));
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefault() {
        Failure f = assertInstanceOf(Failure.class, get(goodTarget, TlsOptions.DEFAULT));
        assertEquals(ErrorKind.TLS, f.kind());
        assertTrue(f.message().startsWith("TLS handshake with 127.0.0.1:" + goodTarget.port() + " failed: "), f.message());
        assertTrue(f.message().contains("certification path"), f.message());
    }

    @Test
    void aPrivateCaFileIsTrusted() throws Exception {
        Response r = assertInstanceOf(Response.class, get(goodTarget, new TlsOptions(false, good.pem())));
        assertEquals(200, r.status());
        Timings t = r.timings();
        assertNotNull(t.connectMicros());
        assertNotNull(t.tlsMicros(), "handshake timed " + t);
        assertNotNull(t.firstByteMicros());
        assertTrue(t.connectMicros() + t.tlsMicros() + t.firstByteMicros() <= t.totalMicros(), "phases within total " + t);
        assertTrue(r.newConnection());
    }

    @Test
    void daysLeftComeFromTheServerCertificate() throws Exception {
        Response r = assertInstanceOf(Response.class, get(goodTarget, new TlsOptions(false, good.pem())));
        Instant notAfter = good.certificate().getNotAfter().toInstant();
        long expected = Math.floorDiv(Duration.between(Instant.now(), notAfter).toSeconds(), 86_400L);
        assertEquals(expected, (long) r.tlsDaysLeft());
        assertEquals(29, (int) r.tlsDaysLeft(), "a 30-day certificate made just now has 29 whole days left");
    }

    @Test
    void insecureSkipsVerification() {
        Response r = assertInstanceOf(Response.class, get(goodTarget, new TlsOptions(true, null)));
        assertEquals(200, r.status());
        assertEquals(29, (int) r.tlsDaysLeft());
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        Failure f = assertInstanceOf(Failure.class, get(wrongHostTarget, new TlsOptions(false, wrongHost.pem())));
        assertEquals(ErrorKind.TLS, f.kind());
        assertTrue(f.message().contains("127.0.0.1"), f.message());
    }

    @Test
    void aMissingOrBrokenCaFileIsAConfigurationProblem() throws Exception {
        Failure missing = assertInstanceOf(Failure.class, get(goodTarget, new TlsOptions(false, dir.resolve("nope.pem"))));
        assertEquals(ErrorKind.CONFIG, missing.kind());
        assertEquals("cannot read the CA file " + dir.resolve("nope.pem"), missing.message());
        Path broken = Files.writeString(dir.resolve("broken.pem"), "not a certificate");
        Failure f = assertInstanceOf(Failure.class, get(goodTarget, new TlsOptions(false, broken)));
        assertEquals(ErrorKind.CONFIG, f.kind(), f.toString());
        assertTrue(f.message().startsWith("cannot use the TLS settings with CA file " + broken + ": "), f.message());
    }

    @Test
    void anExpiredCertificateShowsNegativeDaysWhenInsecure() {
        Response r = assertInstanceOf(Response.class, get(expiredTarget, new TlsOptions(true, null)));
        assertEquals(-31, (int) r.tlsDaysLeft(), "expired 30 days ago, so 31 whole days short");
        Failure f = assertInstanceOf(Failure.class, get(expiredTarget, TlsOptions.DEFAULT));
        assertEquals(ErrorKind.TLS, f.kind());
    }
}

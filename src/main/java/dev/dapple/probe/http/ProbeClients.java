package dev.dapple.probe.http;

import io.micronaut.context.BeanContext;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.netty.DefaultNettyHttpClientRegistry;
import io.micronaut.http.ssl.ClientSslConfiguration;
import io.micronaut.http.ssl.SslConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP client per (TLS options, connection reuse), made once through the context's client registry so the
 * timing customizer applies ({@code HttpClient.create} would bypass it).
 */
@Singleton
final class ProbeClients {

    /** Our own timeout bounds each exchange; the client's are only a backstop far beyond any step. */
    private static final Duration BACKSTOP = Duration.ofMinutes(10);

    private record Key(TlsOptions tls, boolean reuse) {
    }

    private final DefaultNettyHttpClientRegistry registry;
    private final BeanContext context;
    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    ProbeClients(DefaultNettyHttpClientRegistry registry, BeanContext context) {
        this.registry = registry;
        this.context = context;
    }

    HttpClient client(TlsOptions tls, boolean reuse) {
        return clients.computeIfAbsent(new Key(tls, reuse), this::create);
    }

    private HttpClient create(Key key) {
        var config = new DefaultHttpClientConfiguration();
        config.setFollowRedirects(false); // followed by the exchanger, so every hop is timed and recorded
        config.setExceptionOnErrorStatus(false);
        config.setDecompressionEnabled(false); // the body as the server sent it; callers ask for gzip if they want it
        config.setMaxContentLength(Integer.MAX_VALUE); // ExchangeTap enforces each request's own cap first
        config.setReadTimeout(BACKSTOP);
        config.setConnectTimeout(BACKSTOP);
        config.setRequestTimeout(BACKSTOP);
        var pool = config.getConnectionPoolConfiguration();
        pool.setEnabled(key.reuse());
        // Even without a pool the client limits concurrent connects per host; probes run many steps at once.
        pool.setMaxPendingConnections(4096);
        pool.setMaxPendingAcquires(4096);
        var ssl = new ClientSslConfiguration();
        ssl.setEnabled(true);
        ssl.setInsecureTrustAllCertificates(key.tls().insecure());
        if (key.tls().caFile() != null) {
            var trust = new SslConfiguration.TrustStoreConfiguration();
            trust.setPath("file:" + key.tls().caFile());
            ssl.setTrustStore(trust);
        }
        config.setClientSslConfiguration(ssl);
        return registry.resolveClient(null, LoadBalancer.empty(), config, context);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}

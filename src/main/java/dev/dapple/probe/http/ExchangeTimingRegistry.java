package dev.dapple.probe.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.netty.bootstrap.Bootstrap;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hooks the timing customizer into every Netty HTTP client the context creates, and keeps the exchanges in flight.
 * Nothing carries a request object into the event loop, so each request carries {@link #HEADER} with its exchange
 * id; {@link ExchangeTap} strips it before the request leaves.
 */
@Singleton
final class ExchangeTimingRegistry implements BeanCreatedEventListener<NettyClientCustomizer.Registry>, NettyClientCustomizer {

    static final String HEADER = "x-dapple-exchange";

    private final Map<String, ExchangeRecorder> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public NettyClientCustomizer.Registry onCreated(BeanCreatedEvent<NettyClientCustomizer.Registry> event) {
        event.getBean().register(this);
        return event.getBean();
    }

    @Override
    public NettyClientCustomizer specializeForBootstrap(Bootstrap bootstrap) {
        return new ConnectionTimer(this, bootstrap);
    }

    ExchangeRecorder open(long maxBodyBytes, boolean head, boolean stripContentType) {
        String id = Long.toString(ids.incrementAndGet(), 36);
        ExchangeRecorder recorder = new ExchangeRecorder(id, maxBodyBytes, head, stripContentType);
        inFlight.put(id, recorder);
        return recorder;
    }

    void close(ExchangeRecorder recorder) {
        inFlight.remove(recorder.id);
    }

    @Nullable ExchangeRecorder recorder(String id) {
        return inFlight.get(id);
    }
}

package dev.dapple.probe.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The phases of one new connection, from the event loop: created just before the client connects
 * ({@link #specializeForBootstrap}), it times DNS (by wrapping the bootstrap's resolver), the TCP connect, the TLS
 * handshake, and adds an {@link ExchangeTap} that ties each request on the connection to its exchange.
 */
final class ConnectionTimer implements NettyClientCustomizer {

    private static final String ACTIVE_HANDLER = "dapple-connect-timer";
    static final String TAP_HANDLER = "dapple-exchange-tap";

    final long startNanos;
    private final ExchangeTimingRegistry registry;
    private volatile long dnsStart;
    private volatile long dnsEnd;
    private volatile long connectEnd;
    private volatile long tlsEnd;
    private volatile @Nullable Instant peerNotAfter;
    private @Nullable Channel channel;
    private boolean tlsWatched;
    int requests; // event loop only

    ConnectionTimer(ExchangeTimingRegistry registry, Bootstrap bootstrap) {
        this.registry = registry;
        AddressResolverGroup<?> resolver = bootstrap.config().resolver();
        bootstrap.resolver(new TimedResolverGroup(resolver == null ? DefaultAddressResolverGroup.INSTANCE : resolver, this));
        this.startNanos = System.nanoTime();
    }

    @Override
    public NettyClientCustomizer specializeForChannel(Channel ch, ChannelRole role) {
        if (role != ChannelRole.CONNECTION) {
            return this;
        }
        channel = ch;
        if (ch.isActive()) {
            // Plain HTTP/1: the client builds the pipeline from channelActive, i.e. right as the connect completes.
            connected(System.nanoTime());
        } else {
            ch.pipeline().addFirst(ACTIVE_HANDLER, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) throws Exception {
                    connected(System.nanoTime());
                    ctx.pipeline().remove(this);
                    super.channelActive(ctx);
                }
            });
        }
        return this;
    }

    @Override
    public void onInitialPipelineBuilt() {
        Channel ch = channel;
        SslHandler ssl = ch == null ? null : ch.pipeline().get(SslHandler.class);
        if (ssl == null || tlsWatched) {
            return;
        }
        tlsWatched = true;
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                tlsEnd = System.nanoTime();
                peerNotAfter = notAfter(ssl);
            }
        });
    }

    @Override
    public void onStreamPipelineBuilt() {
        Channel ch = channel;
        if (ch == null || ch.pipeline().get(TAP_HANDLER) != null) {
            return;
        }
        ChannelPipeline pipeline = ch.pipeline();
        // Right after the codec: it sees decoded requests (to find and strip the exchange header) and responses
        // before the client aggregates them (to stop at the body cap). Never last: the client checks that.
        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_CLIENT_CODEC) != null) {
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_CLIENT_CODEC, TAP_HANDLER, new ExchangeTap(this, registry));
        }
    }

    void dnsStarted(long now) {
        dnsStart = now;
    }

    void dnsDone(long now) {
        dnsEnd = now;
    }

    private void connected(long now) {
        connectEnd = now;
    }

    @Nullable Long dnsMicros() {
        long s = dnsStart;
        long e = dnsEnd;
        return s != 0 && e != 0 ? ExchangeRecorder.micros(e - s) : null;
    }

    @Nullable Long connectMicros() {
        long end = connectEnd;
        if (end == 0) {
            return null;
        }
        long from = dnsEnd != 0 ? dnsEnd : startNanos;
        return ExchangeRecorder.micros(end - from);
    }

    @Nullable Long tlsMicros() {
        long c = connectEnd;
        long t = tlsEnd;
        return c != 0 && t != 0 ? ExchangeRecorder.micros(t - c) : null;
    }

    @Nullable Instant peerNotAfter() {
        return peerNotAfter;
    }

    @Nullable Channel channel() {
        return channel;
    }

    private static @Nullable Instant notAfter(SslHandler ssl) {
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                return leaf.getNotAfter().toInstant();
            }
        } catch (SSLPeerUnverifiedException e) {
            // no peer certificate: nothing to report
        }
        return null;
    }
}

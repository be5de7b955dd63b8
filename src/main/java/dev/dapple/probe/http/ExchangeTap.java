package dev.dapple.probe.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits right after the HTTP codec of a connection. On the way out it finds the exchange header, strips it and ties
 * the request to its {@link ExchangeRecorder}; on the way in it stamps the response head and last byte, and stops
 * reading (closing the connection) as soon as a body passes its cap, so nothing beyond the cap is ever buffered.
 */
final class ExchangeTap extends ChannelDuplexHandler {

    private final ConnectionTimer connection;
    private final ExchangeTimingRegistry registry;
    private ExchangeRecorder current;
    private boolean discarding;

    ExchangeTap(ConnectionTimer connection, ExchangeTimingRegistry registry) {
        this.connection = connection;
        this.registry = registry;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            String id = request.headers().get(ExchangeTimingRegistry.HEADER);
            if (id != null) {
                request.headers().remove(ExchangeTimingRegistry.HEADER);
                ExchangeRecorder recorder = registry.recorder(id);
                if (recorder != null) {
                    if (recorder.stripContentType) {
                        request.headers().remove(HttpHeaderNames.CONTENT_TYPE);
                    }
                    recorder.requestWritten(connection, connection.requests == 0, System.nanoTime());
                }
                current = recorder;
                discarding = false;
            }
            connection.requests++;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ExchangeRecorder recorder = current;
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (recorder == null) {
            super.channelRead(ctx, msg);
            return;
        }
        long now = System.nanoTime();
        if (msg instanceof HttpResponse response) {
            recorder.headReceived(now);
            long declared = recorder.head ? -1 : HttpUtil.getContentLength(response, -1L);
            if (declared > recorder.maxBodyBytes) {
                tooLarge(ctx, recorder, msg);
                return;
            }
        }
        if (msg instanceof HttpContent content && !recorder.addBody(content.content().readableBytes())) {
            tooLarge(ctx, recorder, msg);
            return;
        }
        if (msg instanceof LastHttpContent) {
            recorder.lastByte(now);
            current = null;
        }
        super.channelRead(ctx, msg);
    }

    private void tooLarge(ChannelHandlerContext ctx, ExchangeRecorder recorder, Object msg) {
        recorder.bodyTooLarge("response body exceeds " + ProbeHttpConfiguration.describe(recorder.maxBodyBytes)
                + " (" + ProbeHttpConfiguration.MAX_BODY_KEY + ")");
        discarding = true;
        current = null;
        ReferenceCountUtil.release(msg);
        ctx.channel().close();
    }
}

package dev.dapple.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The loopback target of the probe benchmark, run in its own process so its CPU is not the probe's: every request
 * is answered {@code delay} after it arrived, except {@code GET /stats}, which answers at once with the target's own
 * hold times (request read → response flushed, microseconds) since the previous {@code /stats}: "count p50 p99".
 *
 * <p>The answers are timed by one platform thread's {@link ScheduledExecutorService} (parkNanos, microsecond
 * precision) and handed to the event loop, not by the NIO selector's millisecond timeout and not by sleeping on a
 * pool, where answers would queue behind each other.
 *
 * <p>Usage: {@code DelayTarget <port> <delay ms>}; prints "listening on PORT" once it accepts connections.
 */
public final class DelayTarget {

    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    private final long delayNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "delay-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Recorder holds = new Recorder(3);

    private DelayTarget(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: DelayTarget <port> <delay ms>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        var target = new DelayTarget(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1])));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        var channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), target.new Answer());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        System.out.println("listening on " + port);
        System.out.flush();
        channel.closeFuture().sync();
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            long received = System.nanoTime();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (request.uri().equals("/stats")) {
                Histogram h = holds.getIntervalHistogram();
                String stats = h.getTotalCount() + " " + h.getValueAtPercentile(50) + " " + h.getValueAtPercentile(99);
                respond(ctx, stats.getBytes(StandardCharsets.US_ASCII), keepAlive, -1);
                return;
            }
            timer.schedule(() -> respond(ctx, BODY, keepAlive, received), delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that went away (timeouts, wrk stopping) is no news
        }
    }

    private void respond(ChannelHandlerContext ctx, byte[] body, boolean keepAlive, long received) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
            if (received >= 0) {
                holds.recordValue((System.nanoTime() - received) / 1_000);
            }
            if (!keepAlive) {
                future.channel().close();
            }
        });
    }
}

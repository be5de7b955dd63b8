package dev.dapple.probe.http;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Wraps the client's resolver for one connection so the lookup is timed. Hands out fresh wrappers instead of
 * caching them (the base class would register a listener per executor, and this group lives for one connect);
 * the wrapped resolvers stay owned, cached and closed by the client's own group.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class TimedResolverGroup extends AddressResolverGroup<SocketAddress> {

    private final AddressResolverGroup<?> delegate;
    private final ConnectionTimer timer;

    TimedResolverGroup(AddressResolverGroup<?> delegate, ConnectionTimer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public AddressResolver<SocketAddress> getResolver(EventExecutor executor) {
        return new Timed((AddressResolver) delegate.getResolver(executor));
    }

    @Override
    protected AddressResolver<SocketAddress> newResolver(EventExecutor executor) {
        throw new UnsupportedOperationException("getResolver is overridden");
    }

    @Override
    public void close() {
        // the delegate belongs to the client
    }

    private final class Timed implements AddressResolver<SocketAddress> {
        private final AddressResolver<SocketAddress> resolver;

        Timed(AddressResolver<SocketAddress> resolver) {
            this.resolver = resolver;
        }

        @Override
        public boolean isSupported(SocketAddress address) {
            return resolver.isSupported(address);
        }

        @Override
        public boolean isResolved(SocketAddress address) {
            return resolver.isResolved(address);
        }

        @Override
        public Future<SocketAddress> resolve(SocketAddress address) {
            long start = System.nanoTime();
            return timed(start, address, resolver.resolve(address));
        }

        @Override
        public Future<SocketAddress> resolve(SocketAddress address, Promise<SocketAddress> promise) {
            long start = System.nanoTime();
            return timed(start, address, resolver.resolve(address, promise));
        }

        @Override
        public Future<List<SocketAddress>> resolveAll(SocketAddress address) {
            long start = System.nanoTime();
            return timed(start, address, resolver.resolveAll(address));
        }

        @Override
        public Future<List<SocketAddress>> resolveAll(SocketAddress address, Promise<List<SocketAddress>> promise) {
            long start = System.nanoTime();
            return timed(start, address, resolver.resolveAll(address, promise));
        }

        private <T> Future<T> timed(long start, SocketAddress address, Future<T> future) {
            if (isIpLiteral(address)) {
                return future; // "resolving" 127.0.0.1 is parsing it, not a lookup
            }
            timer.dnsStarted(start);
            future.addListener(f -> {
                if (f.isSuccess()) {
                    timer.dnsDone(System.nanoTime());
                }
            });
            return future;
        }

        @Override
        public void close() {
            // owned by the delegate group
        }

        private static boolean isIpLiteral(SocketAddress address) {
            return address instanceof InetSocketAddress inet
                    && (NetUtil.isValidIpV4Address(inet.getHostString()) || NetUtil.isValidIpV6Address(inet.getHostString()));
        }
    }
}

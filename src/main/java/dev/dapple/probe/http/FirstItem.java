package dev.dapple.probe.http;

import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The first item of a publisher as a future; cancelling the future cancels the subscription (and the request). */
final class FirstItem<T> extends CompletableFuture<T> implements Subscriber<T> {

    private final AtomicReference<Subscription> subscription = new AtomicReference<>();

    static <T> FirstItem<T> of(Publisher<T> publisher) {
        FirstItem<T> future = new FirstItem<>();
        publisher.subscribe(future);
        return future;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (!subscription.compareAndSet(null, s) || isDone()) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(T item) {
        complete(item);
    }

    @Override
    public void onError(Throwable error) {
        completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (!isDone()) { // after onNext (every exchange) an exception would only cost its stack trace
            completeExceptionally(new NoSuchElementException("no response"));
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
        return super.cancel(mayInterruptIfRunning);
    }
}

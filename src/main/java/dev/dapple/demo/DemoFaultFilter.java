package dev.dapple.demo;

import dev.dapple.http.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;

/**
 * Holds every demo response back by the configured latency and fails a share of them with 503
 * ({@code dapple.demo.failure-rate}, changed at runtime with {@code PUT /api/demo/faults}), so a newcomer sees
 * realistic timings and can drill an outage.
 */
@Requires(bean = DemoShopConfiguration.class)
@ServerFilter({"/demo/shop", "/demo/shop/**"})
final class DemoFaultFilter {

    private final DemoFaults faults;

    DemoFaultFilter(DemoFaults faults) {
        this.faults = faults;
    }

    /** Runs on the blocking executor (virtual threads), so sleeping never holds an event-loop thread. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> delayAndMaybeFail() {
        sleep(faults.delay());
        if (faults.injectedFailure()) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "injected fault: the demo failure rate (dapple.demo.failure-rate, PUT /api/demo/faults) is "
                            + faults.failureRate());
        }
        return null;
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

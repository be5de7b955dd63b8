package dev.dapple.demo;

import dev.dapple.http.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Breaks and mends the demo shop at runtime, so a newcomer can watch an incident open and resolve without a
 * restart. Under /api, so changing it needs the admin token like every other write.
 */
@Requires(bean = DemoShopConfiguration.class)
@Controller("/api/demo/faults")
final class DemoFaultsController {

    /** @param failureRate the share of demo requests answered with 503, 0 to 1 */
    @Serdeable
    record Faults(@Nullable Double failureRate) {
    }

    private final DemoFaults faults;

    DemoFaultsController(DemoFaults faults) {
        this.faults = faults;
    }

    @Get
    Faults show() {
        return new Faults(faults.failureRate());
    }

    @Put
    HttpResponse<?> change(@Body Faults change) {
        if (change.failureRate() == null) {
            return Problem.response(HttpStatus.BAD_REQUEST, "give failureRate, between 0 and 1, e.g. {\"failureRate\": 1}");
        }
        try {
            faults.failureRate(change.failureRate());
        } catch (IllegalArgumentException e) {
            return Problem.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return HttpResponse.ok(show());
    }
}

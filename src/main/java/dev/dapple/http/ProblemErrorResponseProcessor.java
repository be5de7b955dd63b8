package dev.dapple.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/** Every error Micronaut itself answers (bad JSON, unknown route, bad parameter) takes the problem-details shape. */
@Singleton
@Primary
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(),
                detail.isEmpty() ? status.getReason() : detail);
        return response.body(problem).contentType(Problem.CONTENT_TYPE);
    }
}

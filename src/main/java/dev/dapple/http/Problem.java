package dev.dapple.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem detail: the one shape every API error takes. */
@Serdeable
public record Problem(String type, String title, int status, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static MutableHttpResponse<Problem> response(HttpStatus status, String detail) {
        return HttpResponse.<Problem>status(status)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), detail))
                .contentType(CONTENT_TYPE);
    }
}

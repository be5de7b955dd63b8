package dev.dapple.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.views.ModelAndView;
import java.util.Map;

/**
 * What {@code problem.jte} shows when a page cannot be served (an unknown journey or run, a bad parameter): what went
 * wrong in words and a link to where to go next, never a stack trace.
 */
public record ProblemPage(int status, String title, String message, String backHref, String backLabel) {

    HttpResponse<ModelAndView<Map<String, Object>>> response() {
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.valueOf(status))
                .contentType(MediaType.TEXT_HTML_TYPE)
                .body(new ModelAndView<>("problem", Map.of("page", this)));
    }
}

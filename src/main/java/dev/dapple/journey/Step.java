package dev.dapple.journey;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of a journey, with everything defaulted: {@code expect} is {@code [status < 400]} when the file has
 * none, {@code timeout} is the journey's timeout when the step has none.
 *
 * @param critical a failed critical step makes the run DOWN and skips the following steps (except {@code always})
 * @param always   runs even after a critical step failed (clean-up)
 * @param retries  extra attempts after a network error or timeout, never after a received response
 */
public record Step(String name, HttpMethod method, Template url, Map<String, Template> headers,
                   Map<String, Template> query, Body body, List<Assertion> expect,
                   Map<String, ExtractSource> extract, boolean critical, boolean always, Duration timeout,
                   boolean followRedirects, Tls tls, int retries) {

    public Step {
        headers = copy(headers);
        query = copy(query);
        expect = List.copyOf(expect);
        extract = copy(extract);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

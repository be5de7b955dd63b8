package dev.dapple.probe;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import dev.dapple.probe.http.ExchangeResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A step's response as assertions and extracts read it; the body is decoded and parsed as JSON at most once. */
final class StepResponse {

    /** A JSONPath that found nothing, told apart from a JSON null. */
    static final Object ABSENT = new Object();

    /** json-smart's JSONParser.MODE_RFC4627 (json-smart is only a runtime dependency of json-path). */
    private static final int STRICT_JSON = 4752;

    /** Strict JSON: Jayway's default (permissive json-smart) reads plain text or HTML as a JSON string. */
    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new JsonSmartJsonProvider(STRICT_JSON)).build();

    private final ExchangeResult.Response response;
    private final Duration duration;
    private String text;
    private DocumentContext json;
    private String jsonError;

    StepResponse(ExchangeResult.Response response, Duration duration) {
        this.response = response;
        this.duration = duration;
    }

    int status() {
        return response.status();
    }

    Duration duration() {
        return duration;
    }

    int size() {
        return response.body().length;
    }

    Optional<Integer> tlsDaysLeft() {
        return Optional.ofNullable(response.tlsDaysLeft());
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(response.header(name));
    }

    String text() {
        if (text == null) {
            text = new String(response.body(), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The value at a path, {@link #ABSENT} when it selects nothing. */
    Object read(JsonPath path) {
        DocumentContext document = document();
        if (document == null) {
            return ABSENT;
        }
        try {
            return document.read(path);
        } catch (PathNotFoundException e) {
            return ABSENT;
        }
    }

    /** Why the body could not be read as JSON, or null when it could. */
    String jsonError() {
        document();
        return jsonError;
    }

    private DocumentContext document() {
        if (json == null && jsonError == null) {
            try {
                json = JsonPath.using(JSON).parse(text());
            } catch (InvalidJsonException | IllegalArgumentException e) {
                jsonError = size() == 0 ? "the response has no body" : "the response body is not JSON";
            }
        }
        return json;
    }
}

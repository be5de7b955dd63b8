package dev.dapple.probe;

import dev.dapple.journey.Body;
import dev.dapple.journey.JsonTemplate;
import dev.dapple.journey.Step;
import dev.dapple.journey.Template;
import dev.dapple.probe.http.ExchangeRequest;
import dev.dapple.probe.http.Header;
import dev.dapple.probe.http.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a step into the plain HTTP request the exchanger sends. */
final class StepRequests {

    private StepRequests() {
    }

    /** @throws InvalidRequestException when the rendered URL is not a usable http(s) URL */
    static ExchangeRequest build(Step step, RunValues values, Path journeyFile, Duration timeout, long maxBody) {
        String url = withQuery(values.render(step.url()), step.query(), values);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("the URL '" + url + "' is not valid: " + e.getReason());
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidRequestException("the URL '" + url + "' is not an absolute http(s) URL");
        }
        var headers = new ArrayList<Header>();
        step.headers().forEach((name, value) -> headers.add(new Header(name, values.render(value))));
        byte[] body = switch (step.body()) {
            case Body.NoBody() -> new byte[0];
            case Body.JsonBody(JsonTemplate json) -> {
                defaultContentType(headers, "application/json");
                yield JsonBodies.render(json, values).getBytes(StandardCharsets.UTF_8);
            }
            case Body.FormBody(Map<String, Template> fields) -> {
                defaultContentType(headers, "application/x-www-form-urlencoded");
                yield form(fields, values).getBytes(StandardCharsets.UTF_8);
            }
            case Body.TextBody(Template text) -> {
                defaultContentType(headers, "text/plain; charset=utf-8");
                yield values.render(text).getBytes(StandardCharsets.UTF_8);
            }
        };
        Path ca = step.tls().ca().map(file -> journeyFile.toAbsolutePath().getParent().resolve(file)).orElse(null);
        return new ExchangeRequest(step.method().name(), uri, headers, body, timeout, step.followRedirects(),
                new TlsOptions(step.tls().insecure(), ca), maxBody, false);
    }

    private static String withQuery(String url, Map<String, Template> query, RunValues values) {
        if (query.isEmpty()) {
            return url;
        }
        var out = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
        query.forEach((name, value) -> out.append(encode(name)).append('=').append(encode(values.render(value))).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String form(Map<String, Template> fields, RunValues values) {
        var out = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(values.render(value)));
        });
        return out.toString();
    }

    private static void defaultContentType(List<Header> headers, String type) {
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            headers.add(new Header("Content-Type", type));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request that cannot be sent as rendered, e.g. a URL variable that held something else. */
    static final class InvalidRequestException extends RuntimeException {
        InvalidRequestException(String message) {
            super(message);
        }
    }
}

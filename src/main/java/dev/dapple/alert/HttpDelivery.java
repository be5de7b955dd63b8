package dev.dapple.alert;

import java.net.URI;
import java.util.Map;

/** One HTTP request a channel asks the dispatcher to send: a JSON body to a URL. */
public record HttpDelivery(String method, URI uri, Map<String, String> headers, String body) {

    public HttpDelivery {
        headers = Map.copyOf(headers);
    }

    public static HttpDelivery postJson(URI uri, Map<String, String> headers, String body) {
        var all = new java.util.LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new HttpDelivery("POST", uri, all, body);
    }

    @Override
    public String toString() {
        // Never user info, path, query, headers or body: webhook URLs, keys and signatures are secrets.
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return method + " " + uri.getScheme() + "://" + uri.getHost() + port + " (" + body.length() + " chars)";
    }
}

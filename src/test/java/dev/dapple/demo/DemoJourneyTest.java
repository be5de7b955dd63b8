package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Keeps journeys/demo/checkout.yaml and the shop in step: every request it makes is one the shop serves. */
class DemoJourneyTest {

    private static final Path JOURNEY = Path.of("journeys/demo/checkout.yaml");
    private static final String BASE = "http://localhost:8080/demo/shop";

    @Test
    @SuppressWarnings("unchecked")
    void everyStepCallsAShopEndpoint() throws IOException {
        Map<String, Object> journey;
        try (Reader reader = Files.newBufferedReader(JOURNEY)) {
            journey = new Yaml().load(reader);
        }
        assertEquals("demo-checkout", journey.get("name"));
        assertEquals(BASE, ((Map<String, Object>) journey.get("variables")).get("base"));

        // The shop's own index is the list of what it serves.
        Set<String> served = DemoShopController.INDEX.endpoints().stream()
                .map(e -> e.method() + " " + e.path())
                .collect(Collectors.toSet());
        var steps = (List<Map<String, Object>>) journey.get("steps");
        assertEquals(List.of("login", "search", "add-to-cart", "recommendations", "checkout"),
                steps.stream().map(s -> s.get("name")).toList());
        for (Map<String, Object> step : steps) {
            String method = step.containsKey("post") ? "post" : "get";
            String url = ((String) step.get(method)).replace("${base}", "/demo/shop");
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String call = method.toUpperCase(Locale.ROOT) + " " + path;
            assertTrue(served.contains(call), call + " is not among " + served);
        }
    }
}

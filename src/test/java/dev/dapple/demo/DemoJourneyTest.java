package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.journey.Step;
import dev.dapple.journey.TemplatePart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps journeys/demo/checkout.yaml and the shop in step: every request it makes is one the shop serves. */
class DemoJourneyTest {

    private static final Path JOURNEY = Path.of("journeys/demo/checkout.yaml");

    @Test
    void everyStepCallsAShopEndpoint() throws IOException {
        ParseResult parsed = JourneyParser.parse(JOURNEY);
        Journey journey = assertInstanceOf(ParseResult.Parsed.class, parsed, parsed::toString).journey();
        assertEquals("demo-checkout", journey.name());
        assertEquals("http://localhost:8080/demo/shop", journey.variables().get("base").source());

        // The shop's own index is the list of what it serves.
        Set<String> served = DemoShopController.INDEX.endpoints().stream()
                .map(e -> e.method() + " " + e.path())
                .collect(Collectors.toSet());
        assertEquals(List.of("login", "search", "add-to-cart", "recommendations", "checkout"),
                journey.steps().stream().map(Step::name).toList());
        for (Step step : journey.steps()) {
            String url = step.url().render(part -> part instanceof TemplatePart.VariableRef(String name)
                    && name.equals("base") ? "/demo/shop" : "");
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String call = step.method().name() + " " + path;
            assertTrue(served.contains(call), call + " is not among " + served);
        }
        assertTrue(!journey.steps().get(3).critical(), "recommendations are flaky on purpose: not critical");
    }
}

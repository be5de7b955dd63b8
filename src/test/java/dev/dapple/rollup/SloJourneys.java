package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Journeys with SLO blocks for the SLO count tests, parsed the way the catalog parses them. */
final class SloJourneys {

    private SloJourneys() {
    }

    /** A journey with {@link TestResults}' steps (login, search, pay) and this text after them (slo, alert). */
    static Journey journey(String name, String tail) {
        String yaml = yaml(name, tail);
        ParseResult result = JourneyParser.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8),
                Path.of("target", "test-journeys", name + ".yaml"));
        return assertInstanceOf(ParseResult.Parsed.class, result, () -> "the journey must parse: " + result)
                .journey();
    }

    /** The file of {@link #journey}. */
    static String yaml(String name, String tail) {
        return """
                name: %s
                interval: 1m
                tags: [shop]
                steps:
                  - name: login
                    get: http://shop.test/login
                  - name: search
                    get: http://shop.test/search
                  - name: pay
                    get: http://shop.test/pay
                    critical: false
                %s
                """.formatted(name, tail);
    }
}

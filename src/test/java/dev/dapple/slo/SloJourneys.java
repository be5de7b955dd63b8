package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Journeys for SLO tests: two steps, {@code login} and {@code pay}, and the given {@code slo} block (may be empty). */
final class SloJourneys {

    private SloJourneys() {
    }

    static String yaml(String name, String slo) {
        return "name: " + name + "\ninterval: 1m\nsteps:\n"
                + "  - name: login\n    get: http://localhost:1/login\n"
                + "  - name: pay\n    get: http://localhost:1/pay\n"
                + (slo.isEmpty() ? "" : "slo:\n" + slo.indent(2));
    }

    static Journey journey(String name, String slo) {
        String yaml = yaml(name, slo);
        ParseResult result = JourneyParser.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8),
                Path.of("journeys", name + ".yaml"));
        return assertInstanceOf(ParseResult.Parsed.class, result, () -> "must parse: " + result + "\n" + yaml).journey();
    }
}

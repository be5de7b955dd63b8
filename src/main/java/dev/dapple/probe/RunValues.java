package dev.dapple.probe;

import dev.dapple.journey.Template;
import dev.dapple.journey.TemplatePart;
import dev.dapple.secret.Secrets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The values one run renders its templates with: journey variables, values extracted by earlier steps, the probe's
 * environment and secrets (remembered for masking), and the built-ins. One instance per run.
 */
final class RunValues {

    private final Map<String, String> variables = new HashMap<>();
    private final Function<String, String> environment;
    private final Secrets secrets;
    private final Clock clock;
    private final RandomGenerator random;
    private final SecretMask mask;

    RunValues(Function<String, String> environment, Secrets secrets, Clock clock, RandomGenerator random, SecretMask mask) {
        this.environment = environment;
        this.secrets = secrets;
        this.clock = clock;
        this.random = random;
        this.mask = mask;
    }

    void set(String name, String value) {
        variables.put(name, value);
    }

    String render(Template template) {
        return template.render(this::resolve);
    }

    private String resolve(TemplatePart part) {
        return switch (part) {
            case TemplatePart.Literal(String text) -> text;
            // The parser accepts only names defined before use, so a miss here is a runner bug, not user input.
            case TemplatePart.VariableRef(String name) -> {
                String value = variables.get(name);
                if (value == null) {
                    throw new IllegalStateException("variable " + name + " has no value");
                }
                yield value;
            }
            case TemplatePart.EnvRef(String name) -> {
                String value = environment.apply(name);
                if (value == null) {
                    throw new MissingValueException("env." + name);
                }
                yield value;
            }
            case TemplatePart.SecretRef(String name) -> {
                String value = secrets.get(name).orElseThrow(() -> new MissingValueException("secret." + name));
                mask.add(value);
                yield value;
            }
            case TemplatePart.Uuid() -> UUID.randomUUID().toString();
            case TemplatePart.Now() -> Long.toString(clock.millis());
            case TemplatePart.Random(long min, long max) -> Long.toString(random.nextLong(min, max + 1));
        };
    }
}

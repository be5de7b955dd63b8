package dev.dapple.journey;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A string with {@code ${...}} placeholders, parsed once at load time. */
public record Template(String source, List<TemplatePart> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    public static Template literal(String text) {
        return new Template(text.replace("${", "$${"), text.isEmpty() ? List.of() : List.of(new TemplatePart.Literal(text)));
    }

    public boolean isLiteral() {
        return parts.stream().allMatch(part -> part instanceof TemplatePart.Literal);
    }

    /** Names of journey variables and extracted values this template uses. */
    public Set<String> variableNames() {
        var names = new LinkedHashSet<String>();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.VariableRef(String name)) {
                names.add(name);
            }
        }
        return names;
    }

    public boolean usesSecrets() {
        return parts.stream().anyMatch(part -> part instanceof TemplatePart.SecretRef);
    }

    /** Concatenates the parts, literals as they are and every other part as {@code resolve} says. */
    public String render(Function<TemplatePart, String> resolve) {
        var out = new StringBuilder();
        for (TemplatePart part : parts) {
            out.append(part instanceof TemplatePart.Literal(String text) ? text : resolve.apply(part));
        }
        return out.toString();
    }
}

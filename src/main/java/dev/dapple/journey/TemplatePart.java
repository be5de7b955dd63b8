package dev.dapple.journey;

/** One piece of a {@link Template}: literal text or something resolved when a run starts or a step is sent. */
public sealed interface TemplatePart {

    record Literal(String text) implements TemplatePart {
    }

    /** A journey variable or a value extracted by an earlier step. */
    record VariableRef(String name) implements TemplatePart {
    }

    record EnvRef(String name) implements TemplatePart {
    }

    /** Resolved from the secrets store; the runner masks its value everywhere it reports. */
    record SecretRef(String name) implements TemplatePart {
    }

    /** A fresh random UUID each time it is resolved. */
    record Uuid() implements TemplatePart {
    }

    /** Epoch milliseconds from the runner's clock. */
    record Now() implements TemplatePart {
    }

    /** A uniformly random integer in [min, max]. */
    record Random(long min, long max) implements TemplatePart {
    }
}

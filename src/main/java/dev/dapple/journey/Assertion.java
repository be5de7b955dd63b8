package dev.dapple.journey;

/** One {@code expect} line, parsed: {@code source} is the text as written, for reports. */
public record Assertion(String source, Subject subject, Operator operator, Expected expected) {

    /** What a step checks when it has no {@code expect}. */
    public static final Assertion DEFAULT = new Assertion("status < 400", new Subject.Status(), Operator.LT,
            new Expected.Numeric(java.math.BigDecimal.valueOf(400)));
}

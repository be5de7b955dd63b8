package dev.dapple.journey;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An assertion's comparison, by the symbol written in the journey file. */
public enum Operator {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    CONTAINS("contains"), NOT_CONTAINS("!contains"), MATCHES("matches"),
    EXISTS("exists"), NOT_EXISTS("!exists"), IN("in");

    /** For messages: "==, !=, <, ..." in declaration order. */
    public static final String ALL = Arrays.stream(values()).map(Operator::symbol).collect(Collectors.joining(", "));

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    public boolean takesValue() {
        return this != EXISTS && this != NOT_EXISTS;
    }

    public static Optional<Operator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
    }
}

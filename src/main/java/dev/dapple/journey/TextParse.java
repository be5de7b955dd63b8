package dev.dapple.journey;

import java.util.function.Function;

/**
 * The result of parsing a short text (an assertion, a template, a duration): a value, or an error at a 0-based
 * offset into that text. Parsers return this instead of throwing, so a caller can place the error in its file.
 */
public sealed interface TextParse<T> {

    record Ok<T>(T value) implements TextParse<T> {
    }

    record Failure<T>(int offset, String message) implements TextParse<T> {
    }

    static <T> TextParse<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> TextParse<T> fail(int offset, String message) {
        return new Failure<>(offset, message);
    }

    default <R> TextParse<R> map(Function<T, R> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Failure<T> failure -> new Failure<>(failure.offset(), failure.message());
        };
    }
}

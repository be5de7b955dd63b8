package dev.dapple.probe.remote;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serde;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A duration on the probe protocol's wire as ISO-8601 text ({@code PT10S}), as protocol readers expect; Micronaut
 * serde's default would write nanoseconds. Used only by the fields that name it, so other APIs keep their shape.
 */
@Singleton
public final class IsoDuration implements Serde<Duration> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Duration> type, Duration value)
            throws IOException {
        encoder.encodeString(value.toString());
    }

    @Override
    public Duration deserialize(Decoder decoder, DecoderContext context, Argument<? super Duration> type)
            throws IOException {
        String text = decoder.decodeString();
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("'" + text + "' is not an ISO-8601 duration like PT10S", e);
        }
    }
}

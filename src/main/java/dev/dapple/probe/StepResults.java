package dev.dapple.probe;

import dev.dapple.journey.Assertion;
import dev.dapple.journey.Step;
import dev.dapple.probe.http.ExchangeResult;
import dev.dapple.probe.http.Timings;
import dev.dapple.result.ErrorKind;
import dev.dapple.result.StepOutcome;
import dev.dapple.result.StepResult;
import dev.dapple.result.StepResult.AssertionFailure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a step's result: skipped, failed before a response, or checked against its assertions and extracts. */
final class StepResults {

    static final int EXCERPT_BYTES = 2048;

    private StepResults() {
    }

    static StepResult skipped(int index, Step step) {
        return new StepResult(index, step.name(), StepOutcome.SKIPPED, null, null, null, null, null, null, null,
                List.of(), null, null, null, 0);
    }

    static StepResult failed(int index, Step step, ErrorKind kind, String message, Timings timings, int attempts) {
        return new StepResult(index, step.name(), StepOutcome.FAILED,
                timings == null ? null : timings.totalMicros(),
                timings == null ? null : timings.dnsMicros(), timings == null ? null : timings.connectMicros(),
                timings == null ? null : timings.tlsMicros(), timings == null ? null : timings.firstByteMicros(),
                null, null, List.of(), kind, message, null, attempts);
    }

    static StepResult checked(int index, Step step, ExchangeResult.Response response, long totalMicros, int attempts,
                              RunValues values, SecretMask mask) {
        var view = new StepResponse(response, Duration.ofNanos(totalMicros * 1_000));
        var failures = new ArrayList<AssertionFailure>();
        for (Assertion assertion : step.expect()) {
            AssertionChecker.check(assertion, view).ifPresent(f ->
                    failures.add(new AssertionFailure(f.assertion(), mask.apply(f.expected()), mask.apply(f.actual()))));
        }
        ErrorKind kind = null;
        String error = null;
        if (!failures.isEmpty()) {
            kind = ErrorKind.ASSERTION;
            AssertionFailure first = failures.getFirst();
            error = first.assertion() + ": found " + first.actual()
                    + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
        } else {
            for (Map.Entry<String, dev.dapple.journey.ExtractSource> extract : step.extract().entrySet()) {
                try {
                    values.set(extract.getKey(), Extractor.extract(extract.getValue(), view));
                } catch (Extractor.ExtractionException e) {
                    kind = ErrorKind.ASSERTION;
                    error = mask.apply("cannot extract " + extract.getKey() + ": " + e.getMessage());
                    break;
                }
            }
        }
        Timings t = response.timings();
        return new StepResult(index, step.name(), kind == null ? StepOutcome.PASSED : StepOutcome.FAILED, totalMicros,
                t.dnsMicros(), t.connectMicros(), t.tlsMicros(), t.firstByteMicros(), response.newConnection(),
                response.status(), failures, kind, error, mask.apply(excerpt(response.body())), attempts);
    }

    /** The start of the body as text, cut at a character boundary; binary bodies are described, not shown. */
    static String excerpt(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        int length = Math.min(body.length, EXCERPT_BYTES);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var out = java.nio.CharBuffer.allocate(length);
        var result = decoder.decode(ByteBuffer.wrap(body, 0, length), out, true);
        if (result.isError() && !(result.isMalformed() && body.length > EXCERPT_BYTES && isCutCharacter(body, length))) {
            return "(" + body.length + " bytes, not UTF-8 text)";
        }
        out.flip();
        return body.length > EXCERPT_BYTES ? out + "…" : out.toString();
    }

    /** Whether the decoding error is only a multi-byte character cut by the excerpt's end. */
    private static boolean isCutCharacter(byte[] body, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body, 0, Math.max(0, length - 3)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

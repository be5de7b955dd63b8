package dev.dapple.result;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of a run no query filters by (journey version, probe, run error, steps) as one compact binary value, the
 * {@code runs.detail} column: a run's steps cost no rows, no tuple headers and no index entries of their own. A
 * typical passing 3-step run encodes in about 130 bytes, a quarter of it the 32-byte version hash.
 *
 * <p>Format 1, in order: the format byte; the version (tag 0 + 32 raw bytes for a lower-case SHA-256 hex, tag 1 + a
 * string otherwise); the probe; the run's error kind code and error (nullable strings); the step count; per step a
 * flags varint (below), the index only where it differs from the step's position, the name, the attempts, then each
 * number the flags say is present, and the texts (error kind, error, failed assertions, excerpt) only where the
 * flags say the step has any. A new format gets a new format byte; decoding keeps reading every older one.
 */
public final class RunDetailCodec {

    static final int FORMAT = 1;
    private static final int HASH_TAG = 0;
    private static final int TEXT_TAG = 1;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();
    // Part of the stored format: never reorder, only append.
    private static final StepOutcome[] OUTCOMES = {StepOutcome.PASSED, StepOutcome.FAILED, StepOutcome.SKIPPED};

    // Step flags. Bits 0-1 hold the outcome's position in OUTCOMES.
    private static final int DURATION = 1 << 2;
    private static final int DNS = 1 << 3;
    private static final int CONNECT = 1 << 4;
    private static final int TLS = 1 << 5;
    private static final int FIRST_BYTE = 1 << 6;
    private static final int NEW_CONNECTION_KNOWN = 1 << 7;
    private static final int NEW_CONNECTION = 1 << 8;
    private static final int STATUS = 1 << 9;
    private static final int INDEX = 1 << 10;
    private static final int TEXTS = 1 << 11;

    private RunDetailCodec() {
    }

    /** What {@code runs.detail} holds. */
    public record Detail(String journeyVersion, String probe, @Nullable ErrorKind errorKind, @Nullable String error,
                         List<StepResult> steps) {
    }

    public static byte[] encode(Detail detail) {
        var out = new CompactBytes.Writer();
        out.write(FORMAT);
        if (SHA256_HEX.matcher(detail.journeyVersion()).matches()) {
            out.write(HASH_TAG);
            out.write(HEX.parseHex(detail.journeyVersion()));
        } else {
            out.write(TEXT_TAG);
            out.string(detail.journeyVersion());
        }
        out.string(detail.probe());
        out.nullableString(code(detail.errorKind()));
        out.nullableString(detail.error());
        out.varLong(detail.steps().size());
        for (int i = 0; i < detail.steps().size(); i++) {
            step(out, i, detail.steps().get(i));
        }
        return out.toBytes();
    }

    public static Detail decode(byte[] bytes) {
        var in = new CompactBytes.Reader(bytes);
        int format = in.read();
        if (format != FORMAT) {
            throw new IllegalStateException("stored run detail has format " + format + "; this version reads " + FORMAT);
        }
        int tag = in.read();
        String version = switch (tag) {
            case HASH_TAG -> HEX.formatHex(in.read(32));
            case TEXT_TAG -> in.string();
            default -> throw new IllegalStateException("stored run detail has an unknown version tag " + tag);
        };
        String probe = in.string();
        ErrorKind errorKind = kind(in.nullableString());
        String error = in.nullableString();
        int count = in.varInt();
        List<StepResult> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            steps.add(step(in, i));
        }
        if (!in.atEnd()) {
            throw new IllegalStateException("stored run detail has bytes after its last step");
        }
        return new Detail(version, probe, errorKind, error, steps);
    }

    private static void step(CompactBytes.Writer out, int position, StepResult s) {
        boolean texts = s.errorKind() != null || s.error() != null || !s.failures().isEmpty() || s.excerpt() != null;
        int flags = outcomeBits(s.outcome())
                | (s.durationUs() != null ? DURATION : 0) | (s.dnsUs() != null ? DNS : 0)
                | (s.connectUs() != null ? CONNECT : 0) | (s.tlsUs() != null ? TLS : 0)
                | (s.firstByteUs() != null ? FIRST_BYTE : 0)
                | (s.newConnection() != null ? NEW_CONNECTION_KNOWN : 0)
                | (Boolean.TRUE.equals(s.newConnection()) ? NEW_CONNECTION : 0)
                | (s.httpStatus() != null ? STATUS : 0) | (s.index() != position ? INDEX : 0) | (texts ? TEXTS : 0);
        out.varLong(flags);
        if (s.index() != position) {
            out.varLong(s.index());
        }
        out.string(s.name());
        out.varLong(s.attempts());
        for (Long value : new Long[] {s.durationUs(), s.dnsUs(), s.connectUs(), s.tlsUs(), s.firstByteUs()}) {
            if (value != null) {
                out.varLong(value);
            }
        }
        if (s.httpStatus() != null) {
            out.varLong(s.httpStatus());
        }
        if (texts) {
            out.nullableString(code(s.errorKind()));
            out.nullableString(s.error());
            out.varLong(s.failures().size());
            for (StepResult.AssertionFailure failure : s.failures()) {
                out.string(failure.assertion());
                out.string(failure.expected());
                out.nullableString(failure.actual());
            }
            out.nullableString(s.excerpt());
        }
    }

    private static StepResult step(CompactBytes.Reader in, int position) {
        int flags = in.varInt();
        int index = (flags & INDEX) != 0 ? in.varInt() : position;
        String name = in.string();
        int attempts = in.varInt();
        Long duration = (flags & DURATION) != 0 ? in.varLong() : null;
        Long dns = (flags & DNS) != 0 ? in.varLong() : null;
        Long connect = (flags & CONNECT) != 0 ? in.varLong() : null;
        Long tls = (flags & TLS) != 0 ? in.varLong() : null;
        Long firstByte = (flags & FIRST_BYTE) != 0 ? in.varLong() : null;
        Boolean newConnection = (flags & NEW_CONNECTION_KNOWN) != 0 ? (flags & NEW_CONNECTION) != 0 : null;
        Integer status = (flags & STATUS) != 0 ? in.varInt() : null;
        ErrorKind kind = null;
        String error = null;
        List<StepResult.AssertionFailure> failures = List.of();
        String excerpt = null;
        if ((flags & TEXTS) != 0) {
            kind = kind(in.nullableString());
            error = in.nullableString();
            int count = in.varInt();
            failures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                failures.add(new StepResult.AssertionFailure(in.string(), in.string(), in.nullableString()));
            }
            excerpt = in.nullableString();
        }
        return new StepResult(index, name, outcome(flags & 3), duration, dns, connect, tls, firstByte, newConnection,
                status, failures, kind, error, excerpt, attempts);
    }

    private static int outcomeBits(StepOutcome outcome) {
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (OUTCOMES[i] == outcome) {
                return i;
            }
        }
        throw new IllegalArgumentException("no stored form for step outcome " + outcome);
    }

    private static StepOutcome outcome(int bits) {
        if (bits >= OUTCOMES.length) {
            throw new IllegalStateException("stored run detail has an unknown step outcome " + bits);
        }
        return OUTCOMES[bits];
    }

    private static @Nullable String code(@Nullable ErrorKind kind) {
        return kind == null ? null : kind.code();
    }

    private static @Nullable ErrorKind kind(@Nullable String code) {
        return code == null ? null : ErrorKind.valueOf(code.toUpperCase(Locale.ROOT));
    }
}

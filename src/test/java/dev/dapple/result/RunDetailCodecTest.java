package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDetailCodecTest {

    private static final String HASH = "3f2a9c0d".repeat(8);

    static RunDetailCodec.Detail detail(String version, List<StepResult> steps) {
        return new RunDetailCodec.Detail(version, "probe-eu-west", ErrorKind.ASSERTION, "search failed", steps);
    }

    @Test
    void everyFieldRoundTrips() {
        RunResult run = TestRuns.run("checkout", 0);
        for (String version : List.of(HASH, "3f2a9c", "", HASH.toUpperCase(), "ü".repeat(40))) {
            var detail = detail(version, run.steps());
            assertEquals(detail, RunDetailCodec.decode(RunDetailCodec.encode(detail)), version);
        }
        var bare = new RunDetailCodec.Detail(HASH, "p", null, null, List.of());
        assertEquals(bare, RunDetailCodec.decode(RunDetailCodec.encode(bare)));
    }

    @Test
    void oddValuesRoundTripToo() {
        var odd = new StepResult(7, "", StepOutcome.FAILED, -1L, 0L, Long.MAX_VALUE, null, null, false, 999,
                List.of(new StepResult.AssertionFailure("", "", null)), ErrorKind.INTERNAL, "", "", 3);
        var detail = detail(HASH, List.of(odd));
        assertEquals(detail, RunDetailCodec.decode(RunDetailCodec.encode(detail)));
    }

    @Test
    void aTypicalPassingStepTakesAboutTwentyFourBytesAndAHashThirtyThree() {
        var step = new StepResult(0, "login", StepOutcome.PASSED, 150_000L, 1_000L, 2_000L, 30_000L, 90_000L, true,
                200, List.of(), null, null, null, 1);
        int noSteps = RunDetailCodec.encode(new RunDetailCodec.Detail(HASH, "embedded", null, null, List.of())).length;
        int oneStep = RunDetailCodec.encode(new RunDetailCodec.Detail(HASH, "embedded", null, null, List.of(step)))
                .length;
        assertEquals(1 + 33 + 9 + 1 + 1 + 1, noSteps, "format, hash, probe, no error kind, no error, step count");
        assertTrue(oneStep - noSteps <= 24, "a step took " + (oneStep - noSteps) + " bytes");
    }

    @Test
    void damagedBytesAreAClearError() {
        byte[] good = RunDetailCodec.encode(detail(HASH, TestRuns.run("checkout", 0).steps()));
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        var error = assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(otherFormat));
        assertEquals("stored run detail has format 9; this version reads 1", error.getMessage());
        assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(Arrays.copyOf(good, good.length - 3)));
        assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(Arrays.copyOf(good, good.length + 1)));
        assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(new byte[0]));
        byte[] hugeLength = {1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(hugeLength));
        byte[] pastTheEnd = {1, 1, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThrows(IllegalStateException.class, () -> RunDetailCodec.decode(pastTheEnd));
    }
}

package dev.dapple.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Map<BucketSize, Instant> KEPT_FOREVER = Map.of(BucketSize.MINUTE, LONG_AGO,
            BucketSize.HOUR, LONG_AGO, BucketSize.DAY, LONG_AGO);

    private static Instant t(String time) {
        return Instant.parse("2026-11-" + time + "Z");
    }

    private static Coverage.Piece piece(BucketSize size, String from, String to) {
        return new Coverage.Piece(size, t(from), t(to));
    }

    @Test
    void theLargestDerivedBucketsThatFitAndRawRunsAtTheEdgesAndPastTheDerivedPart() {
        Map<BucketSize, Instant> derived = Map.of(BucketSize.MINUTE, t("23T10:42:00"),
                BucketSize.HOUR, t("23T10:00:00"), BucketSize.DAY, t("23T00:00:00"));
        Coverage coverage = Coverage.of(t("20T21:17:30"), t("23T10:44:10"), derived, KEPT_FOREVER, LONG_AGO);

        assertEquals(List.of(
                piece(null, "20T21:17:30", "20T21:18:00"),
                piece(BucketSize.MINUTE, "20T21:18:00", "20T22:00:00"),
                piece(BucketSize.HOUR, "20T22:00:00", "21T00:00:00"),
                piece(BucketSize.DAY, "21T00:00:00", "23T00:00:00"),
                piece(BucketSize.HOUR, "23T00:00:00", "23T10:00:00"),
                piece(BucketSize.MINUTE, "23T10:00:00", "23T10:42:00"),
                piece(null, "23T10:42:00", "23T10:44:10")), coverage.pieces());
        assertEquals(t("20T21:17:30"), coverage.start(t("20T21:17:30")));
    }

    @Test
    void withNothingDerivedEverythingComesFromRawRuns() {
        Coverage coverage = Coverage.of(t("23T09:00:00"), t("23T10:00:00"), Map.of(), KEPT_FOREVER, LONG_AGO);
        assertEquals(List.of(piece(null, "23T09:00:00", "23T10:00:00")), coverage.pieces());
    }

    @Test
    void whereFinerDataHasExpiredTheOldEdgeIsCutToWhatIsKept() {
        Map<BucketSize, Instant> derived = Map.of(BucketSize.MINUTE, t("23T10:42:00"),
                BucketSize.HOUR, t("23T10:00:00"), BucketSize.DAY, t("23T00:00:00"));
        Map<BucketSize, Instant> kept = Map.of(BucketSize.MINUTE, t("20T10:42:00"),
                BucketSize.HOUR, t("10T10:42:00"), BucketSize.DAY, LONG_AGO);
        // Raw runs kept from the 9th: the partial hour at 8th 13:xx is gone, and so are the hours of the 8th.
        Coverage coverage = Coverage.of(t("08T13:20:00"), t("23T10:44:00"), derived, kept, t("09T10:42:00"));

        assertEquals(piece(BucketSize.DAY, "09T00:00:00", "23T00:00:00"), coverage.pieces().getFirst());
        assertEquals(t("09T00:00:00"), coverage.start(t("08T13:20:00")));
        // Between the 20th and the 10th hours are kept, raw runs from the 9th: the recent edge is exact.
        assertEquals(piece(null, "23T10:42:00", "23T10:44:00"), coverage.pieces().getLast());
    }
}

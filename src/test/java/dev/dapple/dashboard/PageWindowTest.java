package dev.dapple.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageWindowTest {

    @Test
    void theSelectorOffersFourWindowsAndDefaultsTo24Hours() {
        assertEquals(Optional.of(PageWindow.DAY), PageWindow.parse(null));
        assertEquals(Optional.of(PageWindow.DAY), PageWindow.parse(" "));
        assertEquals(Optional.of(PageWindow.HOUR), PageWindow.parse("1h"));
        assertEquals(Optional.of(PageWindow.FOUR_WEEKS), PageWindow.parse("28d"));
        assertEquals(Optional.empty(), PageWindow.parse("2h"));
        assertEquals("1h, 24h, 7d, 28d", PageWindow.choices());
    }

    @Test
    void bucketsAlignToTheEpochAndAreCutToTheWindow() {
        Instant now = Instant.parse("2026-12-03T10:20:00Z");
        List<PageWindow.Span> buckets = PageWindow.HOUR.buckets(now);
        assertEquals(12, buckets.size());
        assertEquals(new PageWindow.Span(Instant.parse("2026-12-03T09:20:00Z"), Instant.parse("2026-12-03T09:25:00Z")),
                buckets.getFirst());
        List<PageWindow.Span> days = PageWindow.DAY.buckets(now);
        assertEquals(25, days.size(), "a partial hour at each end");
        assertEquals(new PageWindow.Span(Instant.parse("2026-12-02T10:20:00Z"), Instant.parse("2026-12-02T11:00:00Z")),
                days.getFirst());
        assertEquals(new PageWindow.Span(Instant.parse("2026-12-03T10:00:00Z"), now), days.getLast());
        assertEquals(29, PageWindow.FOUR_WEEKS.buckets(now).size());
        assertEquals(29, PageWindow.WEEK.buckets(now).size());
    }
}

package dev.dapple.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 404 text: a close name when there is one, the published names while they are few. */
class UnknownJourneyTest {

    @Test
    void fewJourneysAreListed() {
        assertEquals("no published journey named 'serch' (did you mean 'search'?); published: checkout, search",
                UnknownJourney.message("serch", List.of("checkout", "search")));
    }

    @Test
    void manyJourneysAreCountedNotListed() {
        List<String> many = IntStream.rangeClosed(1, 11).mapToObj(i -> "journey-" + i).toList();

        assertEquals("no published journey named 'login'; see GET /api/journeys for all 11",
                UnknownJourney.message("login", many));
    }

    @Test
    void anEmptyCatalogSaysSo() {
        assertEquals("no published journey named 'checkout'; none is published (see GET /api/journeys for invalid files)",
                UnknownJourney.message("checkout", List.of()));
    }
}

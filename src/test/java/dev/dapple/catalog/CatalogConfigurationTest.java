package dev.dapple.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatalogConfigurationTest {

    @Test
    void defaultsToJourneysEveryTwoSeconds() {
        assertEquals(new CatalogConfiguration(Path.of("journeys"), Duration.ofSeconds(2)), new CatalogConfiguration(null, (String) null));
        assertEquals(new CatalogConfiguration(Path.of("/srv/journeys"), Duration.ofMillis(500)),
                new CatalogConfiguration(" /srv/journeys ", "500ms"));
    }

    @Test
    void aBadIntervalIsRefusedNamingTheKey() {
        var unreadable = assertThrows(IllegalArgumentException.class, () -> new CatalogConfiguration("journeys", "2 seconds"));
        assertTrue(unreadable.getMessage().startsWith("dapple.journeys.poll-interval must be a duration"), unreadable.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new CatalogConfiguration("journeys", "0s"));
        assertTrue(zero.getMessage().startsWith("dapple.journeys.poll-interval must be a positive duration"), zero.getMessage());
    }
}

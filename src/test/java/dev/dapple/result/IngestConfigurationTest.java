package dev.dapple.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad buffer bounds stop the start with a message naming the key, instead of a silent default. */
class IngestConfigurationTest {

    @Test
    void defaultsAndSizesAreRead() {
        assertEquals(new IngestConfiguration(10_000, 100L << 20), new IngestConfiguration((String) null, null));
        assertEquals(new IngestConfiguration(500, 512L << 10), new IngestConfiguration("500", "512KiB"));
        assertEquals(1L << 30, IngestConfiguration.size("1GB"));
        assertEquals(1234, IngestConfiguration.size("1234"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("dapple.ingest.buffer-size must be a whole number like 10000, not 'lots'", "lots", null);
        assertMessage("dapple.ingest.buffer-size must be at least 1, not 0", "0", null);
        assertMessage("dapple.ingest.disk-buffer-size must be a size like 100MiB, 512KiB or 1000000, not '100 potatoes'",
                null, "100 potatoes");
        assertMessage("dapple.ingest.disk-buffer-size must be a positive size like 100MiB, not 0", null, "0");
    }

    private static void assertMessage(String expected, String bufferSize, String diskBufferSize) {
        var e = assertThrows(IllegalArgumentException.class, () -> new IngestConfiguration(bufferSize, diskBufferSize));
        assertTrue(e.getMessage().equals(expected), e.getMessage());
    }
}

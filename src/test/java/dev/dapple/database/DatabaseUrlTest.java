package dev.dapple.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void passwordsNeverShow() {
        assertEquals("jdbc:postgresql://db:5432/dapple?user=app&password=****&ssl=true",
                DatabaseUrl.redact("jdbc:postgresql://db:5432/dapple?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://app:****@db/dapple", DatabaseUrl.redact("jdbc:postgresql://app:hunter2@db/dapple"));
        assertEquals("jdbc:h2:file:./data/dapple;PASSWORD=****;AUTO_SERVER=TRUE",
                DatabaseUrl.redact("jdbc:h2:file:./data/dapple;PASSWORD=x;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", DatabaseUrl.redact("jdbc:postgresql://127.0.0.1:5432/test"));
    }

    @Test
    void theVendorIsNamedFromTheUrl() {
        assertEquals("H2", DatabaseUrl.vendor("jdbc:h2:mem:x"));
        assertEquals("PostgreSQL", DatabaseUrl.vendor("jdbc:postgresql://db/dapple"));
        assertEquals("mysql", DatabaseUrl.vendor("jdbc:mysql://db/dapple"));
    }
}

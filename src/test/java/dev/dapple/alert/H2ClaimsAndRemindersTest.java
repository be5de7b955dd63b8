package dev.dapple.alert;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Claims and reminders on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2ClaimsAndRemindersTest extends ClaimsAndRemindersContract {

    @Override
    Map<String, String> store() {
        return Map.of();
    }
}

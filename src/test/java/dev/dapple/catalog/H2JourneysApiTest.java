package dev.dapple.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/** The journeys read API on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2JourneysApiTest extends JourneysApiContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return properties(Map.of()); // the test configuration's own in-memory H2
    }
}

package dev.dapple.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** The catalog on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2CatalogTest extends CatalogContract {

    @Override
    Map<String, String> store() {
        return Map.of(); // the test configuration's own in-memory H2
    }
}

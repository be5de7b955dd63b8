package dev.dapple.incident;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The state change log on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2StateChangesTest extends StateChangesContract {
}

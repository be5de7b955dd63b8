package dev.dapple.maintenance;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Drills on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2DrillTest extends DrillContract {
}

package dev.dapple.maintenance;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The maintenance store contract on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2MaintenanceStoreTest extends MaintenanceStoreContract {
}

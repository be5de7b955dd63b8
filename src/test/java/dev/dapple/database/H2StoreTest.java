package dev.dapple.database;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The storage contract on the embedded H2 store (in PostgreSQL mode, as the server runs it). */
@MicronautTest(transactional = false)
class H2StoreTest extends StoreContract {
}

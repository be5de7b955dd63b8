package dev.dapple.leader;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The lease contract on the embedded H2 store (in PostgreSQL mode, as the server runs it). */
@MicronautTest(transactional = false)
class H2LeaseTest extends LeaseContract {
}

package dev.dapple.result;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Ingest on the embedded H2 store (in PostgreSQL mode, as the server runs it). */
@MicronautTest(transactional = false)
class H2IngestTest extends IngestContract {
}

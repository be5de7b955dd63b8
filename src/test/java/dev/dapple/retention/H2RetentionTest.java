package dev.dapple.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Retention on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2RetentionTest extends RetentionContract {
}

package dev.dapple.rollup;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The query service on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2LatencyQueryTest extends LatencyQueryContract {
}

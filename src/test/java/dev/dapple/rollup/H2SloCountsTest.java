package dev.dapple.rollup;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** SLO counts on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2SloCountsTest extends SloCountsContract {
}

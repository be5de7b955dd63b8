package dev.dapple.rollup;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Rollup derivation on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2RollupTest extends RollupContract {
}

package dev.dapple.slo;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** SLO evaluation on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2SloEvaluatorTest extends SloEvaluatorContract {
}

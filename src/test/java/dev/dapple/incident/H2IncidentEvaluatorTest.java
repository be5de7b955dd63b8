package dev.dapple.incident;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The incident evaluator on the embedded H2 store. */
@MicronautTest(transactional = false)
class H2IncidentEvaluatorTest extends IncidentEvaluatorContract {
}

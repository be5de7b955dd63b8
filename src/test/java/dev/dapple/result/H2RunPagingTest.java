package dev.dapple.result;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Paging on the embedded H2 store. */
@MicronautTest(transactional = false, startApplication = false)
class H2RunPagingTest extends RunPagingContract {
}

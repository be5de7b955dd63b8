package dev.dapple.probe.remote;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The probe stores' contract on the embedded H2 store. */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "dapple.probe.embedded", value = "false")
class H2ProbeStoresTest extends ProbeStoresContract {
}

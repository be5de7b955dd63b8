package dev.dapple.probe;

import dev.dapple.probe.http.HttpExchanger;
import dev.dapple.probe.http.ProbeHttpConfiguration;
import dev.dapple.secret.Secrets;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.util.Map;

/**
 * Journey runners as separate probe agents have them: each with its OWN environment for {@code ${env.*}} (in
 * production that is the agent's process environment) and its own clock, on the context's HTTP exchanger and
 * secrets.
 */
public final class AgentRunners {

    private AgentRunners() {
    }

    public static JourneyRunner withEnvironment(ApplicationContext context, Map<String, String> environment,
                                                Clock clock) {
        return new JourneyRunner(context.getBean(HttpExchanger.class),
                context.getBean(ProbeHttpConfiguration.class).maxBody(), context.getBean(Secrets.class), clock,
                Map.copyOf(environment)::get);
    }
}

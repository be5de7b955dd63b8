package dev.dapple;

import dev.dapple.auth.AdminToken;
import dev.dapple.database.DatabaseUrl;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/** Prints the one line a person needs after start: where the dashboard is, where the data is, where the token is. */
@Singleton
final class StartLine {

    private final DataDirectory dataDirectory;
    private final AdminToken adminToken;
    private final String databaseUrl;

    StartLine(DataDirectory dataDirectory, AdminToken adminToken, @Value("${datasources.default.url}") String databaseUrl) {
        this.dataDirectory = dataDirectory;
        this.adminToken = adminToken;
        this.databaseUrl = databaseUrl;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        var server = event.getSource();
        String host = "0.0.0.0".equals(server.getHost()) ? "localhost" : server.getHost();
        System.out.println("Dapple is running: dashboard at http://" + host + ":" + server.getPort() + "/"
                + " · store " + DatabaseUrl.vendor(databaseUrl) + " " + DatabaseUrl.redact(databaseUrl)
                + " · data " + dataDirectory.path()
                + " · admin token from " + adminToken.source());
    }
}

package dev.dapple.cli;

import dev.dapple.database.DatabaseUrl;
import dev.dapple.journey.PublishedJourneyRepository;
import dev.dapple.result.RunRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

/**
 * {@code dapple db status}: which store this configuration opens, its schema version and what it holds. Works while
 * a server runs on the same H2 file (AUTO_SERVER), so it is also the quick check that the store is shared.
 */
@Command(name = "db", description = "Inspect the store.", subcommands = DbCommand.Status.class)
final class DbCommand {

    @Command(name = "status", description = "Show the store's URL, schema version, journeys and runs.")
    static final class Status implements Callable<Integer> {

        @Inject
        DataSource dataSource;
        @Inject
        PublishedJourneyRepository journeys;
        @Inject
        RunRepository runs;
        @Value("${datasources.default.url}")
        String url;

        @Override
        public Integer call() throws SQLException {
            System.out.printf("store     %s %s%n", DatabaseUrl.vendor(url), DatabaseUrl.redact(url));
            System.out.printf("schema    version %s%n", schemaVersion());
            System.out.printf("journeys  %d published%n", journeys.count());
            System.out.printf("runs      %d stored%n", runs.count());
            return 0;
        }

        private String schemaVersion() throws SQLException {
            try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }
}

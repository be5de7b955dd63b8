package dev.dapple.result;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The V4 conversion on a fresh in-memory H2 database in PostgreSQL mode, as the server opens its file. */
class H2CompactRunsMigrationTest extends CompactRunsMigrationContract {

    @Override
    DataSource dataSource() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return dataSource;
    }
}
